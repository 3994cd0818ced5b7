import { randomBytes } from 'node:crypto';
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
  hmacDigest,
  hmacDigests,
  hmacSha256Hex,
  randomToken,
  sealedKeyId,
  type KeyRing,
} from './crypto';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('encryptSecret / decryptSecret (AES-256-GCM)', () => {
  const k1 = key('k1');
  const ring: KeyRing = { keys: [k1] };
  const context = 'connectwise|privateKey|conn-1|acct-1';

  it('round-trips and never contains the plaintext', () => {
    const sealed = encryptSecret(ring, 'SENTINEL_PRIVATE_KEY_9f3c', context);
    expect(decryptSecret(ring, sealed, context)).toBe('SENTINEL_PRIVATE_KEY_9f3c');
    for (const form of [
      'SENTINEL_PRIVATE_KEY_9f3c',
      Buffer.from('SENTINEL_PRIVATE_KEY_9f3c').toString('base64'),
      Buffer.from('SENTINEL_PRIVATE_KEY_9f3c').toString('hex'),
    ]) {
      expect(sealed).not.toContain(form);
    }
  });

  it('uses a fresh IV each time', () => {
    const a = encryptSecret(ring, 'same', context);
    const b = encryptSecret(ring, 'same', context);
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('refuses a ciphertext moved to another row (AAD binds it)', () => {
    const sealed = encryptSecret(ring, 'secret', context);
    expect(() => decryptSecret(ring, sealed, 'connectwise|privateKey|conn-2|acct-2')).toThrow(DecryptionError);
  });

  it.each([2, 3, 4])('fails closed when part %i (IV, tag or data) is tampered with', (index) => {
    const sealed = encryptSecret(ring, 'secret value', context);
    const parts = sealed.split('.');
    const bytes = Buffer.from(parts[index], 'base64url');
    bytes[0] = bytes[0] ^ 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => decryptSecret(ring, parts.join('.'), context)).toThrow(DecryptionError);
  });

  it('rejects a truncated 4-byte tag', () => {
    const parts = encryptSecret(ring, 'secret', context).split('.');
    parts[3] = Buffer.from(parts[3], 'base64url').subarray(0, 4).toString('base64url');
    expect(() => decryptSecret(ring, parts.join('.'), context)).toThrow(DecryptionError);
  });

  it('decrypts with an older key after rotation and encrypts with the newest', () => {
    const old = encryptSecret(ring, 'before rotation', context);
    const rotated: KeyRing = { keys: [key('k2'), k1] };
    expect(decryptSecret(rotated, old, context)).toBe('before rotation');
    expect(sealedKeyId(encryptSecret(rotated, 'after', context))).toBe('k2');
    expect(() => decryptSecret({ keys: [key('k3')] }, old, context)).toThrow(/no longer configured/);
  });
});

describe('randomToken', () => {
  it('has 256 bits in 43 URL-safe characters and does not repeat', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, () => randomToken()));
    expect(tokens.size).toBe(10_000);
    for (const t of [...tokens].slice(0, 20)) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('hash key rings', () => {
  const h1 = { id: 'h1', key: randomBytes(32) };
  const h2 = { id: 'h2', key: randomBytes(32) };

  it('hashes with the newest key and offers every key to verify, newest first', () => {
    expect(hmacDigest({ keys: [h2, h1] }, 'm')).toEqual({ keyId: 'h2', digest: hmacSha256Hex(h2.key, 'm') });
    expect(hmacDigests({ keys: [h2, h1] }, 'm')).toEqual([
      { keyId: 'h2', digest: hmacSha256Hex(h2.key, 'm') },
      { keyId: 'h1', digest: hmacSha256Hex(h1.key, 'm') },
    ]);
  });
});
