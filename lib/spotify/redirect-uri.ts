/**
 * Spotify's rules for a redirect URI (since April 2025): HTTPS, except a loopback address written
 * as an IP literal — `http://127.0.0.1:PORT` or `http://[::1]:PORT`. `http://localhost` and plain
 * HTTP to any other host are refused at registration and at /authorize. Pure: no I/O.
 */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `not an absolute URL: ${uri}`;
  }
  if (url.hash) return 'a redirect URI has no #fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return `Spotify redirects only to https (or http on 127.0.0.1 / [::1]), not ${url.protocol}`;
  if (url.hostname === 'localhost') return 'Spotify refuses http://localhost: use http://127.0.0.1:PORT (or https)';
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') return `Spotify refuses plain http to ${url.hostname}: use https (http is allowed only on 127.0.0.1 or [::1])`;
  return null;
}

/** The redirect URI next-auth uses for Spotify under an app served at `appUrl` (NEXTAUTH_URL). */
export function spotifyCallbackUrl(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, '')}/api/auth/callback/spotify`;
}
