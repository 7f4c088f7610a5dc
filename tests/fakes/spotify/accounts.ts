import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { escapeHtml, oauthError, redirect, sendHtml, sendJson, type Ctx } from './http';
import { KNOWN_SCOPES, type FakeClientApp } from './state';

/**
 * The accounts service (accounts.spotify.com): the consent page of the authorization-code flow
 * with PKCE (S256) and state, and the token endpoint for authorization_code, refresh_token and
 * client_credentials grants.
 */

interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  responseType: string;
  state: string | null;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
}

function readAuthorizeParams(get: (name: string) => string | null): AuthorizeParams {
  return {
    clientId: get('client_id') ?? '',
    redirectUri: get('redirect_uri') ?? '',
    responseType: get('response_type') ?? '',
    state: get('state'),
    scopes: (get('scope') ?? '').split(/[\s+]+/).filter(Boolean),
    codeChallenge: get('code_challenge') || null,
    codeChallengeMethod: get('code_challenge_method') || null,
  };
}

/**
 * Spotify's redirect URI rules (April 2025): https, or http on a loopback IP literal
 * (127.0.0.1 or [::1]) — never `localhost`, never plain http elsewhere. Null when acceptable.
 */
export function insecureRedirectUri(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'INVALID_CLIENT: Invalid redirect URI';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]')) return null;
  return 'INVALID_CLIENT: Insecure redirect URI';
}

/** Problems Spotify shows on its own page (no redirect: the redirect URI cannot be trusted). */
function pageProblem(ctx: Ctx, params: AuthorizeParams): string | null {
  const client = ctx.state.clients.get(params.clientId);
  if (!client) return 'INVALID_CLIENT: Invalid client';
  const insecure = insecureRedirectUri(params.redirectUri);
  if (insecure) return insecure;
  if (!client.redirectUris.has(params.redirectUri)) return 'INVALID_CLIENT: Invalid redirect URI';
  return null;
}

/** Problems reported back to the app on its redirect URI. */
function redirectProblem(params: AuthorizeParams): string | null {
  if (params.responseType !== 'code') return 'unsupported_response_type';
  if (params.codeChallenge !== null && params.codeChallengeMethod !== 'S256') return 'invalid_request';
  if (params.codeChallenge === null && params.codeChallengeMethod !== null) return 'invalid_request';
  if (params.scopes.some((s) => !(KNOWN_SCOPES as readonly string[]).includes(s))) return 'invalid_scope';
  return null;
}

function backTo(redirectUri: string, values: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(values)) if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

export function handleAuthorizePage(ctx: Ctx): void {
  const params = readAuthorizeParams((name) => ctx.query.get(name));
  const problem = pageProblem(ctx, params);
  if (problem) return sendHtml(ctx, 400, page('Error', `<p role="alert">${escapeHtml(problem)}</p>`));
  const error = redirectProblem(params);
  if (error) return redirect(ctx, backTo(params.redirectUri, { error, state: params.state }));

  const users = [...ctx.state.users.values()];
  const current = ctx.state.browserUserId ?? users[0]?.id ?? null;
  if (current === null) return sendHtml(ctx, 200, page('Log in', '<p>No Spotify account is logged in on this fake.</p>'));
  const hidden = Object.entries({
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    response_type: params.responseType,
    state: params.state ?? '',
    scope: params.scopes.join(' '),
    code_challenge: params.codeChallenge ?? '',
    code_challenge_method: params.codeChallengeMethod ?? '',
  })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const options = users
    .map((u) => `<option value="${escapeHtml(u.id)}"${u.id === current ? ' selected' : ''}>${escapeHtml(u.displayName)} (${escapeHtml(u.id)})</option>`)
    .join('');
  const scopes = params.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('');
  sendHtml(
    ctx,
    200,
    page(
      'Authorize',
      `<h1>Connect to your Spotify account</h1>
    <p>The app <strong>${escapeHtml(params.clientId)}</strong> asks to:</p>
    <ul>${scopes || '<li>see your public profile</li>'}</ul>
    <form method="post" action="/authorize">
      ${hidden}
      <label for="user_id">Logged in as</label>
      <select id="user_id" name="user_id">${options}</select>
      <button type="submit" name="decision" value="agree">Agree</button>
      <button type="submit" name="decision" value="cancel">Cancel</button>
    </form>`,
    ),
  );
}

export function handleAuthorizeDecision(ctx: Ctx): void {
  const form = new URLSearchParams(ctx.rawBody);
  ctx.record.requestBody = Object.fromEntries(form);
  const params = readAuthorizeParams((name) => form.get(name));
  const problem = pageProblem(ctx, params);
  if (problem) return sendHtml(ctx, 400, page('Error', `<p role="alert">${escapeHtml(problem)}</p>`));
  const error = redirectProblem(params);
  if (error) return redirect(ctx, backTo(params.redirectUri, { error, state: params.state }));
  const userId = form.get('user_id') ?? '';
  if (form.get('decision') !== 'agree' || !ctx.state.users.has(userId)) {
    return redirect(ctx, backTo(params.redirectUri, { error: 'access_denied', state: params.state }));
  }
  const code = randomBytes(32).toString('base64url');
  ctx.state.codes.set(code, {
    code,
    clientId: params.clientId,
    userId,
    redirectUri: params.redirectUri,
    scopes: params.scopes,
    codeChallenge: params.codeChallenge,
    expiresAtMs: ctx.state.now() + ctx.options.authorizationCodeLifetimeSec * 1000,
    isUsed: false,
  });
  redirect(ctx, backTo(params.redirectUri, { code, state: params.state }));
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${escapeHtml(title)} – Spotify (fake)</title></head>
  <body>
    <main>
    ${body}
    </main>
  </body>
</html>`;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Basic auth (confidential client) or `client_id` in the body (public client, PKCE only). */
function authenticateClient(ctx: Ctx, form: URLSearchParams): { client: FakeClientApp; isConfidential: boolean } | null {
  const header = ctx.req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const client = ctx.state.clients.get(decoded.slice(0, colon));
    if (colon < 0 || !client) return oauthError(ctx, 400, 'invalid_client', 'Invalid client'), null;
    if (!safeEqual(client.clientSecret, decoded.slice(colon + 1))) return oauthError(ctx, 400, 'invalid_client', 'Invalid client secret'), null;
    return { client, isConfidential: true };
  }
  const client = ctx.state.clients.get(form.get('client_id') ?? '');
  if (!client) return oauthError(ctx, 400, 'invalid_client', 'Invalid client'), null;
  const secret = form.get('client_secret');
  if (secret !== null) {
    if (!safeEqual(client.clientSecret, secret)) return oauthError(ctx, 400, 'invalid_client', 'Invalid client secret'), null;
    return { client, isConfidential: true };
  }
  return { client, isConfidential: false };
}

export function handleToken(ctx: Ctx): void {
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/x-www-form-urlencoded')) {
    return oauthError(ctx, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(ctx.rawBody);
  const logged = Object.fromEntries(form);
  for (const secret of ['client_secret', 'code_verifier', 'refresh_token', 'code']) if (secret in logged) logged[secret] = '(redacted)';
  ctx.record.requestBody = logged;
  const authenticated = authenticateClient(ctx, form);
  if (!authenticated) return;
  const { client, isConfidential } = authenticated;
  const { state, options } = ctx;

  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const grant = state.codes.get(form.get('code') ?? '');
      if (!grant || grant.isUsed || grant.clientId !== client.clientId || grant.expiresAtMs <= state.now()) {
        return oauthError(ctx, 400, 'invalid_grant', 'Invalid authorization code');
      }
      if (form.get('redirect_uri') !== grant.redirectUri) return oauthError(ctx, 400, 'invalid_grant', 'Invalid redirect URI');
      if (grant.codeChallenge !== null) {
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || !safeEqual(challenge, grant.codeChallenge)) {
          return oauthError(ctx, 400, 'invalid_grant', 'code_verifier was incorrect');
        }
      } else if (!isConfidential) {
        return oauthError(ctx, 400, 'invalid_request', 'code_verifier required');
      }
      grant.isUsed = true;
      const access = state.issueAccessToken(client.clientId, grant.userId, grant.scopes, options.accessTokenLifetimeSec);
      const refresh = state.issueRefreshToken(client.clientId, grant.userId, grant.scopes, options.refreshTokenLifetimeSec);
      return sendJson(ctx, 200, {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: options.accessTokenLifetimeSec,
        refresh_token: refresh.token,
        scope: grant.scopes.join(' '),
      });
    }
    case 'refresh_token': {
      const token = form.get('refresh_token') ?? '';
      const grant = state.refreshTokens.get(token);
      if (!grant || grant.clientId !== client.clientId) return oauthError(ctx, 400, 'invalid_grant', 'Invalid refresh token');
      if (grant.expiresAtMs !== null && grant.expiresAtMs <= state.now()) {
        state.refreshTokens.delete(token);
        return oauthError(ctx, 400, 'invalid_grant', 'Refresh token revoked');
      }
      const access = state.issueAccessToken(client.clientId, grant.userId, grant.scopes, options.accessTokenLifetimeSec);
      let rotated: string | undefined;
      state.refreshCount += 1;
      const rotates = typeof options.rotateRefreshTokens === 'function' ? options.rotateRefreshTokens(state.refreshCount) : options.rotateRefreshTokens;
      if (rotates) {
        state.refreshTokens.delete(token);
        rotated = state.issueRefreshToken(client.clientId, grant.userId, grant.scopes, options.refreshTokenLifetimeSec).token;
      }
      return sendJson(ctx, 200, {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: options.accessTokenLifetimeSec,
        scope: grant.scopes.join(' '),
        ...(rotated ? { refresh_token: rotated } : {}),
      });
    }
    case 'client_credentials': {
      if (!isConfidential) return oauthError(ctx, 400, 'invalid_client', 'Invalid client');
      const access = state.issueAccessToken(client.clientId, null, [], options.accessTokenLifetimeSec);
      return sendJson(ctx, 200, { access_token: access.token, token_type: 'Bearer', expires_in: options.accessTokenLifetimeSec });
    }
    default:
      return oauthError(ctx, 400, 'unsupported_grant_type', `grant_type must be authorization_code, refresh_token or client_credentials`);
  }
}
