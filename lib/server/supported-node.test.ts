import { describe, expect, it } from 'vitest';
import { unsupportedNodeReason } from './supported-node.mjs';

describe('the supported Node.js', () => {
  it('runs on Node.js 24 LTS and the one this test runs on', () => {
    expect(unsupportedNodeReason('24.11.0')).toBeNull();
    expect(unsupportedNodeReason('24.21.0')).toBeNull();
    expect(unsupportedNodeReason(process.versions.node)).toBeNull();
  });

  it.each(['20.20.2', '22.12.0', '24.10.0', '25.0.0', '26.10.0'])('refuses %s, naming the version it needs and the one it found', (version) => {
    const reason = unsupportedNodeReason(version);
    expect(reason).toContain('>=24.11.0 <25');
    expect(reason).toContain(`this is Node.js ${version}`);
  });
});
