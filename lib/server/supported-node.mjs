// Plain JavaScript: next.config.js (loaded by `next build`, `next dev` and `next start` before
// anything is bundled) and instrumentation.ts both ask it.

/**
 * The Node.js line Montage is built, tested and supported on: 24 LTS ("Krypton", LTS from 24.11.0,
 * security fixes until April 2028). package.json's `engines` says the same, and the project depends
 * on the `node` package of that line, which `npm run …` scripts use from node_modules/.bin.
 */
export const SUPPORTED_NODE = { major: 24, minMinor: 11, range: '>=24.11.0 <25' };

/**
 * Why this Node.js version cannot run Montage, or null when it can.
 * @param {string} version a version as in `process.versions.node`, e.g. "24.21.0"
 * @returns {string | null}
 */
export function unsupportedNodeReason(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major === SUPPORTED_NODE.major && minor >= SUPPORTED_NODE.minMinor) return null;
  return (
    `Montage needs Node.js ${SUPPORTED_NODE.range} (24 LTS) and this is Node.js ${version}. ` +
    'Run it through npm (`npm start`, `npm run build`), which uses the Node.js 24 that `npm ci` installed in node_modules/.bin, ' +
    'or install Node.js 24 on this host.'
  );
}

/** Ends this process with that reason when it runs on a Node.js Montage does not support. */
export function exitUnlessSupportedNode() {
  const reason = unsupportedNodeReason(process.versions.node);
  if (reason === null) return;
  console.error(reason);
  process.exit(1);
}
