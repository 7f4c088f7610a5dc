/**
 * `npx tsx tests/bench/mid-pools.bench.ts [instances per mid family] [instances per large family]`:
 * only the issue-28 families (mid-pools.ts), one JSON line per family, without the rest of
 * `bench:sequencer` (which prints the same lines among its others).
 */
import { midLines } from './mid-pools';

const [mid = '100', large = '40'] = process.argv.slice(2);
midLines({ mid: Number(mid), large: Number(large) });
