/**
 * The one check for characters typed text may not hold. Every caller refuses C0 control characters (tabs, line
 * breaks, NUL…) and DEL; each adds the classes its text cannot carry: a password only those (any other character
 * is the person's own choice, and never shown), a sign-up profile also bidirectional controls (it is printed in
 * emails and pages, where they would reorder the text around it), a name also C1 controls and invisible characters
 * (two names that look alike must be the same name).
 */

const EXTRA_CLASSES = {
  /** C1 control characters (U+0080–U+009F). */
  c1: '\\u0080-\\u009f',
  /** Bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069). */
  bidi: '\\u202a-\\u202e\\u2066-\\u2069',
  /** Zero-width characters, the left-to-right and right-to-left marks (U+200B–U+200F) and the byte-order mark. */
  invisible: '\\u200b-\\u200f\\ufeff',
} as const;

export type RefusedCharacterClass = keyof typeof EXTRA_CLASSES;

const C0_AND_DEL = '\\u0000-\\u001f\\u007f';
const patterns = new Map<string, RegExp>();

/** True when `text` holds a C0 control character or DEL, or a character of one of the `also` classes. */
export function hasControlCharacters(text: string, also: readonly RefusedCharacterClass[] = []): boolean {
  const key = [...also].sort().join(',');
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`[${C0_AND_DEL}${also.map((c) => EXTRA_CLASSES[c]).join('')}]`);
    patterns.set(key, pattern);
  }
  return pattern.test(text);
}
