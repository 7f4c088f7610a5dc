import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import type { FakeRequestRecord } from './http';

/**
 * The Web API reference (tests/fakes/spotify/openapi.yml, spec 2026.5.31 from
 * sonallux/spotify-web-api, MIT) as executable checks: does a request name a current operation
 * with declared, in-range parameters and a valid body; does an answer match the operation's
 * response schema; does it carry fields the reference marks deprecated.
 */

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  explode?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  deprecated?: boolean;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { content?: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

export const SPEC_PATH = new URL('./openapi.yml', import.meta.url);
const SPEC_ID = 'spotify-web-api';

export interface MatchedOperation {
  template: string;
  method: string;
  operation: Operation;
}

export interface SpotifyContract {
  spec: Spec;
  /** The operation a Web API request (path with or without `/v1`) names, or null. */
  findOperation(method: string, path: string): MatchedOperation | null;
  /** Problems with a request: unknown or deprecated operation, undeclared or out-of-range parameters, invalid body. */
  checkRequest(record: Pick<FakeRequestRecord, 'method' | 'path' | 'query' | 'requestBody'>): string[];
  /** Problems with an answer against the operation's response schema (an undeclared error status must still be an ErrorObject). */
  checkResponse(record: Pick<FakeRequestRecord, 'method' | 'path' | 'status' | 'responseBody'>): string[];
  /** Paths of properties the reference marks deprecated (and does not require) present in an answer. */
  deprecatedFields(record: Pick<FakeRequestRecord, 'method' | 'path' | 'status' | 'responseBody'>): string[];
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export function loadSpotifyContract(): SpotifyContract {
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  // OpenAPI 3.0 schemas: `nullable`, `discriminator`, `example`, `x-*` are not JSON Schema keywords.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: spec.components, paths: spec.paths });

  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const inline = new Map<Schema, ValidateFunction>();
  const validatorFor = (schema: Schema): ValidateFunction => {
    let validate = inline.get(schema);
    if (!validate) {
      // Parameter schemas are inline and self-contained; refs inside resolve against the spec.
      validate = ajv.compile(schema.$ref ? { $ref: `${SPEC_ID}${schema.$ref as string}` } : schema);
      inline.set(schema, validate);
    }
    return validate;
  };

  const resolve = <T>(ref: string): T => {
    let node: unknown = spec;
    for (const raw of ref.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown>)[key];
    }
    return node as T;
  };

  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.split('/').map((segment) => (/^\{\w+\}$/.test(segment) ? '([^/]+)' : segment.replace(/[.*+?^$()|[\]\\-]/g, '\\$&'))).join('/')}$`),
    literalLength: template.replace(/\{[^}]+\}/g, '').length,
  }));

  function findOperation(method: string, path: string): MatchedOperation | null {
    const bare = path.startsWith('/v1/') ? path.slice(3) : path;
    const lower = method.toLowerCase();
    const candidates = templates
      .filter((t) => t.pattern.test(bare))
      // A literal segment beats a parameter: /me/tracks over /playlists/{id}-like templates.
      .sort((a, b) => b.literalLength - a.literalLength);
    for (const candidate of candidates) {
      const operation = spec.paths[candidate.template]?.[lower];
      if (operation) return { template: candidate.template, method: lower, operation };
    }
    return null;
  }

  function parametersOf(operation: Operation): Parameter[] {
    return (operation.parameters ?? []).map((p) => ('$ref' in p ? resolve<Parameter>(p.$ref) : p));
  }

  function coerce(raw: string, schema: Schema): unknown {
    switch (schema.type) {
      case 'integer':
        return /^-?\d+$/.test(raw) ? Number(raw) : raw;
      case 'number':
        return Number.isNaN(Number(raw)) ? raw : Number(raw);
      case 'boolean':
        return raw === 'true' ? true : raw === 'false' ? false : raw;
      case 'array':
        return raw.split(',');
      default:
        return raw;
    }
  }

  const describeErrors = (errors: ErrorObject[] | null | undefined) =>
    (errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

  function checkRequest(record: Pick<FakeRequestRecord, 'method' | 'path' | 'query' | 'requestBody'>): string[] {
    const where = `${record.method} ${record.path}`;
    const matched = findOperation(record.method, record.path);
    if (!matched) return [`${where}: no such operation in the reference`];
    const { operation, template } = matched;
    const problems: string[] = [];
    if (operation.deprecated) problems.push(`${where}: ${operation.operationId} (${template}) is deprecated`);
    const declared = parametersOf(operation).filter((p) => p.in === 'query');
    for (const [name, raw] of Object.entries(record.query)) {
      const parameter = declared.find((p) => p.name === name);
      if (!parameter) {
        problems.push(`${where}: query parameter "${name}" is not declared by ${operation.operationId}`);
        continue;
      }
      const validate = validatorFor(parameter.schema);
      if (!validate(coerce(raw, parameter.schema))) {
        problems.push(`${where}: ${name}=${raw} breaks the reference: ${describeErrors(validate.errors).join('; ')}`);
      }
    }
    for (const parameter of declared) {
      if (parameter.required && !(parameter.name in record.query)) problems.push(`${where}: required query parameter "${parameter.name}" missing`);
    }
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (record.requestBody !== undefined) {
      if (!bodySchema) problems.push(`${where}: ${operation.operationId} takes no JSON body`);
      else {
        const validate = validatorFor(bodySchema);
        if (!validate(record.requestBody)) problems.push(`${where}: body breaks the reference: ${describeErrors(validate.errors).join('; ')}`);
      }
    }
    return problems;
  }

  /** JSON pointer (within the registered spec) to the schema of an answer, null when it declares no body, undefined when the status is undeclared. */
  function responsePointer(matched: MatchedOperation, status: number): string | null | undefined {
    const declared = matched.operation.responses[String(status)];
    if (!declared) return undefined;
    const base = declared.$ref
      ? declared.$ref.replace(/^#/, '')
      : `/paths/${escapePointer(matched.template)}/${matched.method}/responses/${status}`;
    const response = declared.$ref ? resolve<{ content?: Record<string, unknown> }>(declared.$ref) : declared;
    return response.content?.['application/json'] ? `#${base}/content/application~1json/schema` : null;
  }

  const errorBody = ajv.compile({
    type: 'object',
    required: ['error'],
    properties: { error: { $ref: `${SPEC_ID}#/components/schemas/ErrorObject` } },
  });

  function checkResponse(record: Pick<FakeRequestRecord, 'method' | 'path' | 'status' | 'responseBody'>): string[] {
    const where = `${record.method} ${record.path} → ${record.status}`;
    const matched = findOperation(record.method, record.path);
    if (!matched) {
      return errorBody(record.responseBody) ? [] : [`${where}: not an ErrorObject: ${describeErrors(errorBody.errors).join('; ')}`];
    }
    const pointer = responsePointer(matched, record.status);
    if (pointer === undefined) {
      // Spotify also answers statuses the reference does not list (400, 404, 5xx) with its error body.
      if (record.status >= 400) return errorBody(record.responseBody) ? [] : [`${where}: not an ErrorObject: ${describeErrors(errorBody.errors).join('; ')}`];
      return [`${where}: status not declared by ${matched.operation.operationId}`];
    }
    if (pointer === null) {
      return record.responseBody === undefined || record.responseBody === null ? [] : [`${where}: the reference declares no body, got one`];
    }
    const validate = validatorAt(pointer);
    return validate(record.responseBody) ? [] : [`${where}: ${describeErrors(validate.errors).join('; ')}`];
  }

  function deref(schema: Schema): Schema {
    let current = schema;
    while (typeof current.$ref === 'string') current = resolve<Schema>(current.$ref);
    return current;
  }

  function walk(schema: Schema, data: unknown, path: string, found: Set<string>): void {
    const s = deref(schema);
    for (const part of (s.allOf as Schema[] | undefined) ?? []) walk(part, data, path, found);
    for (const alternative of [...((s.oneOf as Schema[] | undefined) ?? []), ...((s.anyOf as Schema[] | undefined) ?? [])]) {
      if (validatorFor(alternative)(data)) walk(alternative, data, path, found);
    }
    if (Array.isArray(data) && s.items) data.forEach((item, i) => walk(s.items as Schema, item, `${path}[${i}]`, found));
    if (data && typeof data === 'object' && !Array.isArray(data) && s.properties) {
      const properties = s.properties as Record<string, Schema>;
      const required = (s.required as string[] | undefined) ?? [];
      for (const [key, value] of Object.entries(data)) {
        const property = properties[key];
        if (!property) continue;
        if (property.deprecated === true && !required.includes(key)) found.add(`${path}.${key}`.replace(/\[\d+\]/g, '[]'));
        walk(property, value, `${path}.${key}`, found);
      }
    }
  }

  function deprecatedFields(record: Pick<FakeRequestRecord, 'method' | 'path' | 'status' | 'responseBody'>): string[] {
    const matched = findOperation(record.method, record.path);
    if (!matched) return [];
    const pointer = responsePointer(matched, record.status);
    if (!pointer) return [];
    const found = new Set<string>();
    walk({ $ref: pointer }, record.responseBody, '$', found);
    return [...found];
  }

  return { spec, findOperation, checkRequest, checkResponse, deprecatedFields };
}

/** Endpoints outside the Web API reference: the accounts service's token answers (RFC 6749 §5.1, §5.2). */
export const TOKEN_RESPONSE_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in'],
      properties: {
        access_token: { type: 'string', minLength: 1 },
        token_type: { const: 'Bearer' },
        expires_in: { type: 'integer', minimum: 1 },
        scope: { type: 'string' },
        refresh_token: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['error'],
      properties: {
        error: { enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] },
        error_description: { type: 'string' },
      },
      additionalProperties: false,
    },
  ],
} as const;
