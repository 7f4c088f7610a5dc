import { openDatabase } from './client';
import { env } from '../lib/server/env';

// Applies the committed migrations (and the bundled catalog) to the configured database.
const { close } = await openDatabase({ url: env.DATABASE_URL, dataDir: env.MONTAGE_DATA_DIR });
await close();
console.log(`Migrations applied to ${env.DATABASE_URL ? 'PostgreSQL' : `PGlite at ${env.MONTAGE_DATA_DIR}`}.`);
