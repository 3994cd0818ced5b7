import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Hashing, random tokens and AES-256-GCM for secrets at rest. Knows no feature. */

export interface KeyRing {
  /** First key encrypts; every key decrypts. */
  keys: ReadonlyArray<{ id: string; key: Buffer }>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

export class DecryptionError extends Error {
  constructor(message = 'A stored secret could not be decrypted.') {
    super(message);
    this.name = 'DecryptionError';
  }
}

/** 32 bytes from the CSPRNG, base64url (43 chars, 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hmacSha256Hex(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** HMAC keys of bearer-secret digests: the first hashes new values, every key verifies (rotation). */
export interface HashKeyRing {
  keys: ReadonlyArray<{ id: string; key: Buffer }>;
}

export interface KeyedDigest {
  keyId: string;
  digest: string;
}

/** The digest to store for a new value: under the ring's first key, with that key's id. */
export function hmacDigest(ring: HashKeyRing, message: string): KeyedDigest {
  const current = ring.keys[0];
  if (!current) throw new Error('No hash key configured');
  return { keyId: current.id, digest: hmacSha256Hex(current.key, message) };
}

/** The digests a presented value may be stored under: one per key, newest first. */
export function hmacDigests(ring: HashKeyRing, message: string): KeyedDigest[] {
  return ring.keys.map((entry) => ({ keyId: entry.id, digest: hmacSha256Hex(entry.key, message) }));
}

/**
 * Encrypts with the ring's current key. `context` is authenticated (AAD) so a ciphertext
 * copied into another row, column or account does not decrypt there.
 * Output: v1.<keyId>.<iv>.<tag>.<ciphertext> (base64url parts).
 */
export function encryptSecret(ring: KeyRing, plaintext: string, context: string): string {
  const current = ring.keys[0];
  if (!current) throw new Error('No encryption key configured');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    FORMAT,
    current.id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

export function decryptSecret(ring: KeyRing, sealed: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== FORMAT) throw new DecryptionError();
  const [, id, ivPart, tagPart, dataPart] = parts as [string, string, string, string, string];
  const entry = ring.keys.find((k) => k.id === id);
  if (!entry) throw new DecryptionError('A stored secret was encrypted with a key that is no longer configured.');
  const iv = Buffer.from(ivPart, 'base64url');
  const tag = Buffer.from(tagPart, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', entry.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataPart, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}

/** The key id a sealed value was written with (for rotation jobs). */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 ? parts[1] : undefined;
}
