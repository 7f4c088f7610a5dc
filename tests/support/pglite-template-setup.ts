import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate } from './pglite-template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated embedded database folder that a test copies for its own (tests/support/pglite-template.ts). */
    pgliteTemplate: string;
  }
}

/** Global set-up of the integration and e2e projects: builds the migrated folder once for the whole run. */
export default async function setup(project: TestProject): Promise<() => void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'montage-template-'));
  const template = path.join(folder, 'pglite');
  await buildPgliteTemplate(template);
  project.provide('pgliteTemplate', template);
  return () => rmSync(folder, { recursive: true, force: true });
}
