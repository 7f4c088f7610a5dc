/** What a spreadsheet reads as the start of a formula (or, tab and carriage return, as a cell break before one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell of an exported CSV as a spreadsheet shows it, never runs it: text beginning with
 * `=`, `+`, `-`, `@` (or a tab or carriage return) gets a leading apostrophe (OWASP's advice for
 * CSV injection). Names, exercises and titles can come from another person's shared montage.
 * Numbers pass as they are: a negative number is a value, not a formula.
 */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
