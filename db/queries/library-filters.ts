import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { libraryFilters } from '../schema';

export type LibraryFilterRow = typeof libraryFilters.$inferSelect;

export async function listLibraryFilters(db: Database, ownerId: string): Promise<LibraryFilterRow[]> {
  return db.select().from(libraryFilters).where(eq(libraryFilters.ownerId, ownerId)).orderBy(asc(libraryFilters.name));
}

/** The owner's saved filter or set; another owner's is null, exactly like a missing one. */
export async function getLibraryFilter(db: Database, ownerId: string, id: string): Promise<LibraryFilterRow | null> {
  const [row] = await db
    .select()
    .from(libraryFilters)
    .where(and(eq(libraryFilters.id, id), eq(libraryFilters.ownerId, ownerId)));
  return row ?? null;
}

export interface CreateLibraryFilterParams {
  ownerId: string;
  name: string;
  kind: LibraryFilterRow['kind'];
  criteria: Record<string, unknown>;
}

/** Saves a filter or a hand-picked set under a name; null when the owner already has one by that name. */
export async function createLibraryFilter(db: Database, params: CreateLibraryFilterParams): Promise<LibraryFilterRow | null> {
  const [row] = await db.insert(libraryFilters).values(params).onConflictDoNothing({ target: [libraryFilters.ownerId, libraryFilters.name] }).returning();
  return row ?? null;
}

/** Deletes the owner's saved filter; false when they have none with that id. */
export async function deleteLibraryFilter(db: Database, ownerId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(libraryFilters)
    .where(and(eq(libraryFilters.id, id), eq(libraryFilters.ownerId, ownerId)))
    .returning({ id: libraryFilters.id });
  return rows.length > 0;
}
