export { startFakeSpotify, MONTAGE_SCOPES } from './server';
export type { FakeSpotify, FakeSpotifyOptions, Fault, FaultRule, SeedUserOptions, SeededUser } from './server';
export type { FakeRequestRecord } from './http';
export { ROCKY_IV_TRACKS, DECOY_TRACKS, generateTracks, base62Id, type FakeTrack } from './catalog';
export type { FakeDevice } from './player';
