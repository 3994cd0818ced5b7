import { createHash } from 'node:crypto';

/** QBO requestids derived from what is sent, so a resumed attempt replays (docs/psa-to-qbo-mapping.md). */

export const MAX_QBO_REQUEST_ID_LENGTH = 50;
export const MAX_QBO_BATCH_REQUEST_ID_LENGTH = 36;

/** JSON with object keys sorted at every depth: equal payloads give equal text whatever their key order. */
export function stableJson(value: unknown): string {
  const toJson = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  if (typeof toJson === 'function') return stableJson(toJson.call(value));
  if (Array.isArray(value)) return `[${value.map((entry) => stableJson(entry ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function checkLength(maxLength: number, ceiling: number): void {
  if (!Number.isSafeInteger(maxLength) || maxLength < 1 || maxLength > ceiling) {
    throw new RangeError(`maxLength must be 1 to ${ceiling}.`);
  }
}

export interface QboRequestIdParts {
  realmId: string;
  /** What is written, e.g. 'Customer', 'Item', 'Invoice', 'CreditMemo'. */
  kind: string;
  /** The PSA record, e.g. the PSA company id or invoice id. */
  psaKey: string | number;
  /** The QBO body sent; its digest is the version, so a changed PSA record gets a new id. */
  payload: unknown;
  /** Earlier definitive failures of this record: Retry failed is a new request, not a replay of the refusal. */
  failedAttempts: number;
}

/** base64url(sha256([realm, kind, PSA record, sha256(stable JSON of payload), failed attempts])), cut to maxLength. */
export function qboRequestId(parts: QboRequestIdParts, maxLength = MAX_QBO_REQUEST_ID_LENGTH): string {
  checkLength(maxLength, MAX_QBO_REQUEST_ID_LENGTH);
  if (!Number.isSafeInteger(parts.failedAttempts) || parts.failedAttempts < 0) {
    throw new RangeError('failedAttempts must be a non-negative integer.');
  }
  const version = sha256(stableJson(parts.payload)).toString('hex');
  // A JSON array separates the parts unambiguously ("a|b" + "c" never equals "a" + "b|c").
  const material = JSON.stringify([parts.realmId, parts.kind, String(parts.psaKey), version, parts.failedAttempts]);
  return sha256(material).toString('base64url').slice(0, maxLength);
}

/**
 * The requestid of a batch, from its items' requestids **in order**: QBO replays a stored answer whose bIds
 * follow the original order, so the same items in another order must be another request.
 */
export function qboBatchRequestId(itemRequestIds: readonly string[]): string {
  if (itemRequestIds.length === 0) throw new RangeError('A batch requestid needs at least one item requestid.');
  return sha256(JSON.stringify(['batch', ...itemRequestIds]))
    .toString('base64url')
    .slice(0, MAX_QBO_BATCH_REQUEST_ID_LENGTH);
}
