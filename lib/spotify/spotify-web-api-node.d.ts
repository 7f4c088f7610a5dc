/**
 * Types for the request-building pieces of spotify-web-api-node 5.0.2 that the adapter uses
 * (src/base-request.js, src/webapi-request.js, src/authentication-request.js). The package's
 * published types (@types/spotify-web-api-node) only describe its top-level client.
 */
declare module 'spotify-web-api-node/src/base-request.js' {
  export type QueryValue = string | number | boolean | undefined;

  export interface SpotifyLibraryRequest {
    getHost(): string;
    getPort(): number;
    getScheme(): string;
    getPath(): string;
    getURI(): string;
    getQueryParameters(): Record<string, QueryValue> | undefined;
    getBodyParameters(): unknown;
    getHeaders(): Record<string, string> | undefined;
  }

  export interface SpotifyLibraryRequestBuilder {
    withHost(host: string): this;
    withPort(port: number): this;
    withScheme(scheme: string): this;
    withPath(path: string): this;
    withQueryParameters(...parameters: Array<Record<string, QueryValue> | undefined>): this;
    withBodyParameters(...parameters: unknown[]): this;
    withHeaders(...headers: Array<Record<string, string> | undefined>): this;
    withAuth(accessToken: string | undefined): this;
    build(): SpotifyLibraryRequest;
  }

  const baseRequest: { builder(): SpotifyLibraryRequestBuilder };
  export default baseRequest;
}

declare module 'spotify-web-api-node/src/webapi-request.js' {
  import type { SpotifyLibraryRequestBuilder } from 'spotify-web-api-node/src/base-request.js';
  /** A builder preset to https://api.spotify.com:443 with `Authorization: Bearer <token>`. */
  const webApiRequest: { builder(accessToken?: string): SpotifyLibraryRequestBuilder };
  export default webApiRequest;
}

declare module 'spotify-web-api-node/src/authentication-request.js' {
  import type { SpotifyLibraryRequestBuilder } from 'spotify-web-api-node/src/base-request.js';
  /** A builder preset to https://accounts.spotify.com:443. */
  const authenticationRequest: { builder(): SpotifyLibraryRequestBuilder };
  export default authenticationRequest;
}
