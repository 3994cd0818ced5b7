import { createHash } from 'node:crypto';

/** Names QBO accepts, derived deterministically from PSA names (docs/psa-to-qbo-mapping.md, "Names"). */

export const MAX_DISPLAY_NAME_LENGTH = 500;
export const MAX_ITEM_NAME_LENGTH = 100;
export const MAX_COMPANY_NAME_LENGTH = 100;

const DIGEST_LENGTH = 6;
/** `~` plus the digest. */
const SUFFIX_LENGTH = DIGEST_LENGTH + 1;
const UNNAMED = 'Unnamed';
// Lower-case base32: QBO compares names case-insensitively, so a case-sensitive digest could collide.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const SPACES = /\s+/gu;

/** Six lower-case base32 characters (30 bits) of sha256(raw). */
export function nameDigest(raw: string): string {
  const bytes = createHash('sha256').update(raw, 'utf8').digest();
  let bits = 0;
  let buffer = 0;
  let index = 0;
  let out = '';
  while (out.length < DIGEST_LENGTH) {
    if (bits < 5) {
      buffer = ((buffer << 8) | bytes[index]) & 0xffff;
      index += 1;
      bits += 8;
    }
    out += BASE32[(buffer >> (bits - 5)) & 31];
    bits -= 5;
  }
  return out;
}

function clean(raw: string): string {
  return raw.replace(/:/g, '-').replace(CONTROL, ' ').replace(SPACES, ' ').trim();
}

/** The first `length` UTF-16 units of `text`, never splitting a surrogate pair. */
function head(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Free text (notes, memos, descriptions) cut to a QBO field's length, ending in `…` when cut. */
export function clipText(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${head(text, maxLength - 1)}…`;
}

/**
 * A name QBO accepts: `:` → `-`, control characters → space, runs of spaces collapsed, trimmed. A name still
 * longer than maxLength keeps its first characters and ends with `~` + six characters of a digest of `raw`.
 * A name that cleans to nothing becomes `Unnamed~<digest>` (just `~<digest>` when maxLength is under 14).
 */
export function cleanQboName(raw: string, maxLength: number): string {
  if (!Number.isSafeInteger(maxLength) || maxLength < SUFFIX_LENGTH + 1) {
    throw new RangeError(`maxLength must be an integer of at least ${SUFFIX_LENGTH + 1}.`);
  }
  const cleaned = clean(raw);
  if (cleaned === '') {
    const fallback = `${UNNAMED}~${nameDigest(raw)}`;
    return fallback.length <= maxLength ? fallback : `~${nameDigest(raw)}`;
  }
  if (cleaned.length <= maxLength) return cleaned;
  return `${head(cleaned, maxLength - SUFFIX_LENGTH).trimEnd()}~${nameDigest(raw)}`;
}

export interface DisplayNameOptions {
  /** The import setting "append the PSA account number to customer names". */
  appendAccountNumber: boolean;
}

/**
 * A QBO customer DisplayName (≤ 500). With the setting on and an account number known: `Name (C1001)`; a name
 * too long is shortened before the suffix so the account number always stays readable.
 */
export function qboCustomerDisplayName(
  customer: { name: string; accountNumber: string | null },
  options: DisplayNameOptions,
): string {
  const accountNumber = customer.accountNumber ?? '';
  if (!options.appendAccountNumber || clean(accountNumber) === '') {
    return cleanQboName(customer.name, MAX_DISPLAY_NAME_LENGTH);
  }
  const suffix = ` (${cleanQboName(accountNumber, MAX_ITEM_NAME_LENGTH)})`;
  const name = cleanQboName(customer.name, MAX_DISPLAY_NAME_LENGTH - suffix.length);
  // A PSA name that already carries its account number is not suffixed twice.
  return name.endsWith(suffix) ? name : `${name}${suffix}`;
}

/** A QBO item Name (≤ 100) from a PSA item identifier. */
export function qboItemName(identifier: string): string {
  return cleanQboName(identifier, MAX_ITEM_NAME_LENGTH);
}
