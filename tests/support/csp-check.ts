import { afterEach, expect } from 'vitest';
import { cspViolations } from './browser';

// Every e2e test that opens a page runs under the app's Content-Security-Policy (owner pages with a
// nonce, cached share pages with their scripts' hashes): nothing it blocked was something the app
// needed. A test that provokes a violation on purpose takes it out of the list itself.
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});
