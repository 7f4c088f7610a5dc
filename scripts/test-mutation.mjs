#!/usr/bin/env node
/**
 * `npm run test:mutation -- [folder or file ...] [--incremental] [--changed] [--concurrency N] [--own-tests] [--summary] [--record]`
 *
 * Runs StrykerJS (stryker.config.mjs) on one folder at a time, niced, one test process by default
 * (2 shared cores), and prints one JSON line per folder: its mutation score and how long it took.
 * - no folder: every folder below, one after another;
 * - a file (lib/domain/tempo.ts): only that file, with its folder's tests;
 * - --changed: the files of those folders changed since `main` (git diff), each with its folder;
 * - --incremental: reuses the previous run's results for unchanged code and tests
 *   (reports/mutation/<folder>/stryker-incremental.json).
 * Reports: reports/mutation/<folder>/index.html and mutation.json (git-ignored).
 * The score printed leaves out the surviving mutants listed as equivalent in
 * scripts/mutation-equivalents.json (each with its reason); the HTML report still shows them.
 *
 * A whole folder takes hours on 2 cores, so a folder may be measured a few files at a time: each
 * finished run records its files in scripts/mutation-ledger.json (the source's hash, what was
 * detected, the survivors), and after each run, or alone with `--summary`, one line per folder gives
 * the score over the files whose recorded source is still the current one, and names the files
 * not measured yet or changed since (stale). Tests added since a file's run only raise its score:
 * run it again (with --incremental) to count them. A run cut to line ranges (file:12-40) is not
 * recorded; `--record <folder or files>` records the folder's last finished report without a run.
 * `--own-tests` (files of a folder whose suite is the unit tests): each file is measured against its
 * own test file only (curve-mean.ts against curve-mean.test.ts), not every test that runs it; a lower
 * bound that takes minutes where the sequencer's sweeps, replayed for every mutant, take hours.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Folder → the tests that may kill its mutants: pure code its own unit tests (a mutant of lib/domain
 * must be caught by lib/domain's tests, not by the minute-long sequencer properties), the rest
 * integration tests too (on PGlite), those of its feature where there is one.
 */
const FOLDERS = {
  // lib/fit's tests are the watch-workout plan's (lib/domain/watch-workout.ts) as the watch file shows it.
  'lib/domain': { suite: 'unit', unit: ['lib/domain/**/*.test.ts', 'lib/fit/**/*.test.ts'] },
  'lib/planner': { suite: 'unit', unit: ['lib/planner/**/*.test.ts'] },
  // ~2,050 mutants, most covered by the heuristic-vs-exact sweeps (10 seeds here: vitest.mutation.config.ts). A mutant
  // that loops (a band edge that never grows, a search that never stops) is cut after 2 × its tests' own time + 10 s,
  // not the 30 s + 1.5 × the default gives the integration suites.
  'lib/sequencer': { suite: 'unit', unit: ['lib/sequencer/**/*.test.ts'], timeoutMS: 10_000, timeoutFactor: 2 },
  'lib/tempo': { suite: 'integration', unit: ['lib/tempo/**/*.test.ts'], integration: ['tests/integration/tempo-*.test.ts'] },
  // Not spotify-contract.test.ts nor app-spotify.test.ts: they run the adapter in beforeAll (the contract's scenario,
  // the app's start), which makes 78 % of the folder's mutants "static" (each one reruns every test: ≈ 11 h). A lower bound.
  'lib/spotify': {
    suite: 'integration',
    unit: ['lib/spotify/**/*.test.ts'],
    integration: ['auth', 'connect', 'failures', 'import', 'playlists', 'sign-in'].map((name) => `tests/integration/spotify-${name}.test.ts`),
    lowerBound: 'all its tests but spotify-contract and app-spotify (a lower bound)',
  },
  'lib/server': { suite: 'integration', unit: ['lib/server/**/*.test.ts'], integration: ['tests/integration/**/*.test.ts'] },
  'db/queries': { suite: 'integration', unit: ['lib/server/**/*.test.ts'], integration: ['tests/integration/**/*.test.ts'] },
};

const IT = (name) => `tests/integration/${name}.test.ts`;
/**
 * A file of a folder whose tests are all the integration tests → the integration tests that exercise
 * it (its routes, its rules), so that a run of that file alone reruns those for each mutant and not
 * all 30-odd files. A file not listed here, or a whole-folder run, uses its folder's list.
 * Left out where a file's code runs in a test file's beforeAll (conventions.test.ts builds every
 * route's fixtures there, montage-api.test.ts a montage): Stryker cannot tell which test such a
 * "static" mutant belongs to and reruns every test of the run for it, which made a run of
 * db/queries/shares.ts spend 87 % of its time on them. A score from a narrower list is a lower bound.
 */
const FILES = {
  'db/queries/montages.ts': ['readme-rules', 'share-api', 'accounts-db', 'drago-modes', 'montage-api', 'security-requests'].map(IT),
  'db/queries/shares.ts': ['share-api', 'shared-pages-expiry', 'readme-rules', 'retention', 'tempo-lookup'].map(IT),
  'db/queries/tracks.ts': ['tempo-local-tracks', 'readme-rules', 'library', 'tempo-lookup', 'share-api'].map(IT),
  'db/queries/montage-swap.ts': ['montage-swap'].map(IT),
  'db/queries/sessions.ts': ['sessions-api', 'progress-export'].map(IT),
  'db/queries/progress.ts': ['progress-export'].map(IT),
  'db/queries/retention.ts': ['retention'].map(IT),
  'db/queries/owner-sessions.ts': ['owner-sessions', 'retention'].map(IT),
  'db/queries/users.ts': ['accounts-db', 'secrets-at-rest', 'sessions-api', 'spotify-sign-in'].map(IT),
  'db/queries/owners.ts': ['owner-sessions', 'accounts-db', 'spotify-sign-in', 'app-spotify'].map(IT),
  'db/queries/library-filters.ts': ['library'].map(IT),
  'db/queries/tempo-lookups.ts': ['tempo-lookup', 'background-jobs'].map(IT),
  'db/queries/tempo-lookup-runs.ts': ['tempo-lookup', 'background-jobs'].map(IT),
  'db/queries/planner-statistics.ts': ['background-jobs', 'library-scale'].map(IT),
  'db/queries/library.ts': ['spotify-import', 'background-jobs', 'library'].map(IT),
  'db/queries/library-tracks.ts': ['library', 'library-scale'].map(IT),
  'db/queries/catalog.ts': ['library', 'db-constraints'].map(IT),
  'lib/server/shared-cache.ts': ['shared-pages-expiry', 'readme-rules', 'share-api'].map(IT),
  'lib/server/montage-service.ts': ['readme-rules', 'library', 'drago-modes'].map(IT),
  'lib/server/montage-edits.ts': ['montage-swap'].map(IT),
  'lib/server/owner-session.ts': ['owner-sessions', 'sessions-api', 'accounts-db'].map(IT),
  'lib/server/library-criteria.ts': ['library'].map(IT),
  'lib/server/tempo-lookup-view.ts': ['tempo-lookup', 'background-jobs'].map(IT),
  'lib/server/fit-response.ts': ['fit-export'].map(IT),
  'lib/server/public-montage.ts': ['share-api'].map(IT),
  'lib/server/request-owner.ts': ['owner-sessions', 'montage-api', 'readme-rules'].map(IT),
  'lib/server/request-user.ts': ['app-spotify'].map(IT),
  'lib/server/spotify.ts': ['app-spotify', 'spotify-server'].map(IT),
  'lib/server/auth.ts': ['spotify-sign-in', 'auth-options'].map(IT),
  'lib/server/jobs/queue.ts': ['background-jobs', 'postgres-job-queue', 'spotify-server'].map(IT),
  'lib/server/jobs/library-import.ts': ['background-jobs', 'app-spotify', 'postgres-job-queue'].map(IT),
  'lib/server/jobs/tempo-lookup.ts': ['tempo-lookup-slices', 'background-jobs'].map(IT),
  'lib/server/deezer-source.ts': ['background-jobs', 'tempo-lookup'].map(IT),
  'lib/server/cache/redis-tags.ts': ['redis-page-cache', 'redis-outage'].map(IT),
  'lib/server/security/rate-limit.ts': ['rate-limits', 'redis-outage'].map(IT),
  // Pure request handling with unit tests of its own (lib/server/**/*.test.ts): measured against those
  // alone, a lower bound that takes minutes instead of an hour.
  'lib/server/security/same-origin.ts': [],
  'lib/server/http.ts': [],
  'lib/server/errors.ts': [],
  'lib/server/input.ts': [],
  'lib/server/security/text.ts': [],
  'lib/server/security/body.ts': [],
  'lib/server/security/db-errors.ts': [],
  'lib/server/security/headers.ts': [],
  'lib/server/owner-cookie.ts': [],
  'lib/server/env.ts': [],
  'lib/server/access-log.ts': [],
  'lib/server/log.ts': [],
  // What the server process runs at start (instrumentation.ts): their unit tests stand in for the database and the jobs.
  'lib/server/start.ts': [],
  'lib/server/security/purge-schedule.ts': [],
  // Its test runs it in a child process, which Stryker cannot see: its mutants read "no coverage" (plant them by hand).
  'lib/server/shutdown.ts': [],
  'lib/server/security/secret-box.ts': ['secrets-at-rest', 'owner-sessions'].map(IT),
  'lib/server/security/secrets-at-rest.ts': ['secrets-at-rest'].map(IT),
};

/**
 * Files with code that runs on PostgreSQL only (the pg-boss queue; with the embedded database the same
 * work runs in process): a run of any of them runs its integration tests on PGlite and on PostgreSQL
 * (a database per test file on the server, TEST_POSTGRES_ADMIN_URL or 127.0.0.1:5432), so that a mutant
 * of either path can be caught.
 */
const ON_POSTGRES_TOO = new Set(['lib/server/jobs/queue.ts']);

const args = process.argv.slice(2);
const passThrough = [];
const targets = [];
let changed = false;
let summaryOnly = false;
let recordOnly = false;
let ownTests = false;
let concurrency = '1';
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--changed') changed = true;
  else if (a === '--summary') summaryOnly = true;
  else if (a === '--record') recordOnly = true;
  else if (a === '--own-tests') ownTests = true;
  else if (a === '--concurrency') concurrency = args[++i];
  else if (a.startsWith('--')) passThrough.push(a);
  else targets.push(a.replace(/\/+$/, ''));
}

function folderOf(path) {
  return Object.keys(FOLDERS).find((f) => path === f || path.startsWith(`${f}/`));
}

/** folder → files to mutate (empty list = the whole folder). */
const plan = new Map();
function add(path) {
  const folder = folderOf(path);
  if (!folder) throw new Error(`${path} is not under one of: ${Object.keys(FOLDERS).join(', ')}`);
  const files = plan.get(folder) ?? [];
  if (path !== folder) files.push(path);
  plan.set(folder, path === folder ? [] : files);
}
if (changed) {
  const diff = execFileSync('git', ['diff', '--name-only', 'main', '--', ...Object.keys(FOLDERS)], { encoding: 'utf8' });
  for (const file of diff.split('\n').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && existsSync(f))) add(file);
  if (plan.size === 0) console.log(JSON.stringify({ note: 'no source file changed since main' }));
} else if (targets.length > 0) {
  for (const t of targets) add(t);
} else {
  for (const f of Object.keys(FOLDERS)) add(f);
}

/** Surviving mutants judged equivalent, each with its reason (scripts/mutation-equivalents.json). */
const EQUIVALENTS = JSON.parse(readFileSync(new URL('./mutation-equivalents.json', import.meta.url), 'utf8')).equivalents;
/** A report's mutant as the ledger keeps a survivor. */
const survivorOf = (m) => ({ line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement, status: m.status });
/** `s`: a survivor as `survivorOf` gives it. */
const isEquivalent = (file, s) =>
  EQUIVALENTS.some((e) => e.file === file && e.mutator === s.mutator && e.replacement === s.replacement && (e.line === undefined || e.line === s.line) && (e.column === undefined || e.column === s.column));
const survivorLine = (file, s) => `${file}:${s.line} ${s.mutator} ${s.status}`;
/** Detected among the valid mutants, in percent to one decimal (null when none is valid). */
const percent = (detected, valid) => (valid === 0 ? null : Math.round((1000 * detected) / valid) / 10);

const LEDGER = new URL('./mutation-ledger.json', import.meta.url);
const sha = (text) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const readLedger = () => (existsSync(LEDGER) ? JSON.parse(readFileSync(LEDGER, 'utf8')) : { files: {} });

/** The TypeScript files a folder's run mutates (tests and declarations left out). */
function sourceFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .map((f) => path.join(folder, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/** What a run of `files` of `folder` mutates: those files, or (none named) the whole folder. */
const mutatedFiles = (folder, files) => (files.length > 0 ? files : sourceFiles(folder));
const reportDir = (folder) => `reports/mutation/${folder.replace('/', '-')}`;

/**
 * Records a finished run's files in the ledger; `mutated` are the files it was asked to mutate (some may have no
 * mutant); `tests`, when the run had fewer tests than every one that runs those files, says which (testsNote).
 */
function record(reportPath, mutated, seconds, tests) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const ledger = readLedger();
  const measured = new Date().toISOString().slice(0, 10);
  for (const file of mutated) {
    if (!report.files[file]) ledger.files[file] = { source: sha(readFileSync(file)), measured, detected: 0, survivors: [], other: {} };
  }
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    const entry = { source: sha(source), measured, ...(tests && { tests }), detected: 0, survivors: [], other: {} };
    for (const m of mutants) {
      if (m.status === 'Killed' || m.status === 'Timeout') entry.detected += 1;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        entry.survivors.push(survivorOf(m));
      } else entry.other[m.status] = (entry.other[m.status] ?? 0) + 1;
    }
    ledger.files[file] = entry;
  }
  ledger.files = Object.fromEntries(Object.entries(ledger.files).sort(([a], [b]) => a.localeCompare(b)));
  ledger.runs = [...(ledger.runs ?? []), { measured, folder: folderOf(mutated[0] ?? ''), files: mutated.length, seconds }].slice(-50);
  // One line per survivor and per run, so that a diff of the ledger reads as what changed.
  const text = JSON.stringify(ledger, null, 1).replace(/\{\n\s+"(line|measured)"[^{}]*?\n\s+\}/g, (block) => block.replace(/\n\s*/g, ' '));
  writeFileSync(LEDGER, `${text}\n`);
}

/** A folder's score over the files whose recorded source is still current; the others named. */
function folderSummary(folder) {
  const ledger = readLedger();
  let detected = 0;
  let valid = 0;
  const unmeasured = [];
  const stale = [];
  const survivors = [];
  const lowerBounds = [];
  for (const file of sourceFiles(folder)) {
    const entry = ledger.files[file];
    if (!entry) unmeasured.push(file);
    else if (entry.source !== sha(readFileSync(file))) stale.push(file);
    else {
      const live = entry.survivors.filter((m) => !isEquivalent(file, m));
      if (entry.tests) lowerBounds.push(file);
      detected += entry.detected;
      valid += entry.detected + live.length;
      survivors.push(...live.map((m) => survivorLine(file, m)));
    }
  }
  return {
    folder,
    summary: 'files measured with their current source',
    mutationScore: percent(detected, valid),
    detected,
    survived: valid - detected,
    unmeasuredFiles: unmeasured,
    staleFiles: stale,
    ...(lowerBounds.length > 0 && { lowerBoundFiles: lowerBounds }),
    survivors,
  };
}

/** The folder's summary as one JSON line, its survivors left to `--summary`. */
function printFolderLine(folder) {
  const { survivors: _listed, ...line } = folderSummary(folder);
  console.log(JSON.stringify(line));
}

if (summaryOnly) {
  for (const folder of Object.keys(FOLDERS)) console.log(JSON.stringify(folderSummary(folder)));
  process.exit(0);
}
// `--record lib/domain`: records the folder's last finished report (reports/mutation/<folder>/mutation.json) without a run.
if (recordOnly) {
  for (const [folder, files] of plan) {
    record(`${reportDir(folder)}/mutation.json`, mutatedFiles(folder, files), null, testsNote(folder, files));
    printFolderLine(folder);
  }
  process.exit(0);
}

function score(reportPath) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const counts = {};
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      if (m.status === 'Survived' && isEquivalent(file, survivorOf(m))) {
        counts.Equivalent = (counts.Equivalent ?? 0) + 1;
        continue;
      }
      counts[m.status] = (counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(survivorLine(file, survivorOf(m)));
    }
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  return { counts, score: percent(detected, valid), survivors };
}

/**
 * A migrated, empty PGlite folder each integration test file of the run opens a copy of
 * (scripts/mutation-pglite-template.ts, tests/integration/setup-mutation-db.ts), named by the
 * migrations it holds; in memory (/dev/shm) where there is one.
 */
function pgliteTemplate() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(file).update(readFileSync(file));
    }
  };
  walk('db/migrations');
  hash.update(JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version);
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const template = path.join(base, `montage-mutation-pglite-${hash.digest('hex').slice(0, 16)}`);
  const built = spawnSync('nice', ['-n', '19', 'npx', 'tsx', 'scripts/mutation-pglite-template.ts', template], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('could not build the PGlite template for the mutation run');
  return { template, copies: mkdtempSync(path.join(base, 'montage-mutation-copies-')) };
}
const needsDb = [...plan].some(([folder, files]) => FOLDERS[folder].suite === 'integration' && integrationTests(folder, files).length > 0);
const pglite = needsDb ? pgliteTemplate() : null;

/** The integration tests for a run: the narrower lists of its files when every file has one, else the folder's. */
function integrationTests(folder, files) {
  if (usesFileLists(files)) return [...new Set(files.flatMap(fileTests))];
  return FOLDERS[folder].integration ?? [];
}
/** A file's own list of integration tests (FILES), without a line range. */
function fileTests(file) {
  return FILES[file.replace(/:.*$/, '')];
}
/** Does a run of these files use their own lists (every one has one) rather than the folder's? */
function usesFileLists(files) {
  return files.length > 0 && files.every(fileTests);
}

/** What the ledger notes of a run whose tests are fewer than every test that runs its files (a lower bound); else undefined. */
function testsNote(folder, files) {
  if (ownTests) return 'own test file only (a lower bound)';
  if (FOLDERS[folder].suite === 'integration' && usesFileLists(files)) return 'its unit tests and the integration tests listed for it in FILES (a lower bound)';
  return FOLDERS[folder].lowerBound;
}

/** The unit tests for a run: with --own-tests each file's own test file, else the folder's list. */
function unitTests(folder, files) {
  if (!ownTests) return FOLDERS[folder].unit;
  const own = files.map((f) => f.replace(/:.*$/, '').replace(/\.ts$/, '.test.ts'));
  const missing = own.filter((f) => !existsSync(f));
  if (files.length === 0 || missing.length > 0) throw new Error(`--own-tests needs files that each have a test file of their own; none for: ${files.length === 0 ? folder : missing.join(', ')}`);
  return own;
}

let failed = false;
for (const [folder, files] of plan) {
  const dir = reportDir(folder);
  const mutate = mutatedFiles(folder, files);
  // A run that writes no report (a dry run, a failure) must not be scored or recorded with the last one's.
  const report = `${dir}/mutation.json`;
  rmSync(report, { force: true });
  const started = Date.now();
  const result = spawnSync(
    'nice',
    [
      '-n', '19', 'npx', 'stryker', 'run', 'stryker.config.mjs',
      '--mutate', mutate.join(','),
      '--concurrency', concurrency,
      '--incrementalFile', `${dir}/stryker-incremental.json`,
      ...(FOLDERS[folder].timeoutMS ? ['--timeoutMS', String(FOLDERS[folder].timeoutMS)] : []),
      ...(FOLDERS[folder].timeoutFactor ? ['--timeoutFactor', String(FOLDERS[folder].timeoutFactor)] : []),
      ...passThrough,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        // A file list with no integration tests is measured with the unit tests alone.
        MUTATION_SUITE: FOLDERS[folder].suite === 'integration' && integrationTests(folder, files).length === 0 ? 'unit' : FOLDERS[folder].suite,
        MUTATION_UNIT_TESTS: unitTests(folder, files).join(','),
        MUTATION_INTEGRATION_TESTS: integrationTests(folder, files).join(','),
        ...(files.some((f) => ON_POSTGRES_TOO.has(f.replace(/:.*$/, ''))) ? { MUTATION_POSTGRES: '1' } : {}),
        ...(pglite ? { MUTATION_PGLITE_TEMPLATE: pglite.template, MUTATION_PGLITE_COPIES: pglite.copies } : {}),
        STRYKER_REPORT_DIR: dir,
      },
    },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status !== 0) failed = true;
  const summary = existsSync(report) ? score(report) : { counts: null, score: null, survivors: [] };
  console.log(
    JSON.stringify({
      folder,
      files: files.length > 0 ? files : 'all',
      integrationTests: FOLDERS[folder].suite === 'integration' ? integrationTests(folder, files).length : 0,
      mutationScore: summary.score,
      counts: summary.counts,
      seconds,
      concurrency: Number(concurrency),
      report: `${dir}/index.html`,
    }),
  );
  if (summary.survivors.length > 0) console.log(`survivors (${summary.survivors.length}) listed in ${dir}/index.html`);
  if (result.status === 0 && existsSync(report) && !files.some((f) => f.includes(':'))) {
    record(report, mutate, seconds, testsNote(folder, files));
    printFolderLine(folder);
  }
}
// Copies a test file left behind when Stryker stopped its process (a timed-out mutant).
if (pglite) rmSync(pglite.copies, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
