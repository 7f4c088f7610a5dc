/**
 * `tsx scripts/mutation-pglite-template.ts <folder>`: an embedded database with the committed
 * migrations applied and nothing else, for mutation runs (scripts/test-mutation.mjs); each file
 * of a mutation run opens a copy of it (tests/integration/setup-mutation-db.ts). The normal test
 * run builds the same folder in its global set-up (tests/support/pglite-template-setup.ts).
 */
import { buildPgliteTemplate } from '../tests/support/pglite-template';

const target = process.argv[2];
if (!target) throw new Error('usage: tsx scripts/mutation-pglite-template.ts <folder>');
await buildPgliteTemplate(target);
