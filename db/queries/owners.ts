import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appSettings, owners } from '../schema';

export async function createOwner(db: Database): Promise<string> {
  const [row] = await db.insert(owners).values({}).returning({ id: owners.id });
  return row!.id;
}

export async function ownerExists(db: Database, ownerId: string): Promise<boolean> {
  const rows = await db.select({ id: owners.id }).from(owners).where(eq(owners.id, ownerId)).limit(1);
  return rows.length > 0;
}

/** Reads a setting, creating it with `create()` the first time; concurrent callers agree on one value. */
export async function getOrCreateSetting(db: Database, key: string, create: () => string): Promise<string> {
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  return row!.value;
}

export async function markSetting(db: Database, key: string, value: string): Promise<void> {
  await db.insert(appSettings).values({ key, value }).onConflictDoUpdate({ target: appSettings.key, set: { value } });
}
