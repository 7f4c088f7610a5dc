import { z } from 'zod';
import { hasVisibleCharacters } from './security/text';

/** The largest value a PostgreSQL `integer` column holds: anything above cannot be a stored number. */
export const PG_INT_MAX = 2_147_483_647;

/** The version a client last saw: a positive integer the database can hold. */
export const versionSchema = z.number().int().positive().max(PG_INT_MAX, `must be at most ${PG_INT_MAX}`);

/** A name or label: trimmed, 1..max characters, and something visible (not only zero-width characters). */
export function visibleText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(hasVisibleCharacters, 'must contain a visible character');
}
