import { describe, expect, it } from 'vitest';
import { WEB_API_ENDPOINTS, webApiPath } from './endpoints';

describe('Web API paths', () => {
  it('fills each path parameter, encoded, under /v1; a missing one is named', () => {
    expect(webApiPath(WEB_API_ENDPOINTS.playlistItems, { playlist_id: 'a b/c' })).toBe('/v1/playlists/a%20b%2Fc/items');
    expect(webApiPath(WEB_API_ENDPOINTS.currentUser)).toBe('/v1/me');
    expect(() => webApiPath(WEB_API_ENDPOINTS.playlist)).toThrow('missing path parameter playlist_id for /playlists/{playlist_id}');
  });
});
