import { badInput } from './errors';
import { hasControlCharacters } from './text';

/** Names people give things (QuickBooks configurations, API tokens): trimmed, 1–50 characters, printable. */

export const MAX_NAME_LENGTH = 50;

export interface ParsedName {
  /** As shown: trimmed, NFC. */
  name: string;
  /** For uniqueness: case-folded, so "Acme" and "ACME" are the same name. */
  key: string;
}

export function parseName(raw: unknown, label = 'The name'): ParsedName {
  if (typeof raw !== 'string') throw badInput('name', `${label} must be text.`);
  const name = raw.normalize('NFC').trim();
  if (name === '') throw badInput('name', `Enter a name (1–${MAX_NAME_LENGTH} characters).`);
  if ([...name].length > MAX_NAME_LENGTH)
    throw badInput('name', `${label} can be at most ${MAX_NAME_LENGTH} characters.`);
  if (hasControlCharacters(name, ['c1', 'bidi', 'invisible'])) {
    throw badInput('name', `${label} cannot contain control characters, line breaks or invisible characters.`);
  }
  if (/\p{Cs}/u.test(name)) throw badInput('name', `${label} contains an invalid character.`);
  return { name, key: nameKey(name) };
}

export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('en-US').slice(0, MAX_NAME_LENGTH);
}
