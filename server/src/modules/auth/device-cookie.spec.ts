import { randomBytes, randomUUID } from 'node:crypto';
import { ManualClock } from '../../lib/clock';
import { DeviceCookies } from './device-cookie';

describe('DeviceCookies', () => {
  const secret = randomBytes(32);
  const clock = new ManualClock(new Date('2026-01-10T10:00:00Z'));
  const devices = new DeviceCookies(secret, 'http://localhost:4000', clock);
  const accountId = randomUUID();

  it('trusts a cookie it issued, for the account it names only', () => {
    const { value, expiresAt } = devices.issue(accountId);
    expect(expiresAt).toEqual(new Date('2026-07-09T10:00:00Z'));
    expect(devices.trusted(value, accountId)).toEqual({ accountId, deviceId: expect.any(String) });
    expect(devices.trusted(value, randomUUID())).toBeNull();
    expect(devices.trusted(value, undefined)).toBeNull();
  });

  it('gives every sign-in a new device id', () => {
    const a = devices.trusted(devices.issue(accountId).value, accountId);
    const b = devices.trusted(devices.issue(accountId).value, accountId);
    expect(a?.deviceId).not.toBe(b?.deviceId);
  });

  it('refuses tampered, foreign, expired and malformed cookies', () => {
    const { value } = devices.issue(accountId);
    const [version, account, device, exp, signature] = value.split('.') as [string, string, string, string, string];
    const other = new DeviceCookies(randomBytes(32), 'http://localhost:4000', clock).issue(accountId).value;
    const later = new ManualClock(clock.now());
    later.advance(181 * 24 * 60 * 60 * 1000);
    expect(new DeviceCookies(secret, 'http://localhost:4000', later).trusted(value, accountId)).toBeNull();
    for (const bad of [
      other,
      [version, account, `${device.slice(0, -1)}${device.endsWith('A') ? 'B' : 'A'}`, exp, signature].join('.'),
      [version, account, device, String(Number(exp) + 1), signature].join('.'),
      [version, account, device, exp, ''].join('.'),
      `${value}x`,
      '',
      'x'.repeat(10_000),
      42,
      null,
    ]) {
      expect(devices.trusted(bad, accountId)).toBeNull();
    }
  });

  it('is a __Host- cookie when the app is served over HTTPS', () => {
    expect(new DeviceCookies(secret, 'https://mobius.example.com', clock).name).toBe('__Host-mobius_device');
    expect(devices.name).toBe('mobius_device');
  });
});
