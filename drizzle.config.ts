import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./db/schema.ts', './db/schema-spotify.ts', './db/schema-sessions.ts', './db/schema-plans.ts', './db/schema-live.ts'],
  out: './db/migrations',
});
