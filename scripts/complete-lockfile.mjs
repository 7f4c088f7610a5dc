#!/usr/bin/env node
// The npm registry reachable here serves only this platform's native binaries, so `npm install`
// leaves other platforms' optional packages (e.g. @next/swc-darwin-arm64) out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds each missing
// optional package as a platform-restricted entry, which npm ci records and skips on this
// machine. Run it after every `npm install` (npm run lock:complete).
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPUS = { x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', loong64: 'loong64', mips64el: 'mips64el', wasm32: 'wasm32', universal: null };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OSES.includes(p));
  const cpuPart = parts.find((p) => p in CPUS);
  const entry = {};
  if (os) entry.os = [os];
  if (cpuPart && CPUS[cpuPart]) entry.cpu = [CPUS[cpuPart]];
  if (parts.includes('musl')) entry.libc = ['musl'];
  else if (parts.includes('gnu') && os === 'linux') entry.libc = ['glibc'];
  if (cpuPart === 'wasm32' && !os) entry.cpu = ['wasm32'];
  return entry;
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [location, pkg] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const version = range.replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    packages[`node_modules/${name}`] = { version, ...platformOf(name), optional: true };
    added += 1;
  }
}
if (process.argv.includes('--check')) {
  if (added > 0) {
    console.error(`package-lock.json lacks ${added} optional platform entries: run "npm run lock:complete" and commit it.`);
    process.exit(1);
  }
  process.exit(0);
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
