import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Clock } from '../../lib/clock';

/**
 * OWASP's device cookies (docs/login-protection.md): a signed cookie naming the account, issued when a
 * browser signs in. A client that presents a valid one for the account it logs in to spends its own
 * budget of failed logins and is not refused by the lockout strangers cause for that account.
 */

/** A device that signed in to the account before. */
export interface TrustedDevice {
  accountId: string;
  deviceId: string;
}

export interface IssuedDeviceCookie {
  value: string;
  expiresAt: Date;
}

const VERSION = 'd1';
const LIFETIME_DAYS = 180;
const MAX_LENGTH = 300;
const SHAPE = /^d1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

export class DeviceCookies {
  /** `__Host-` prefixed (secure, host-only) when the app is served over HTTPS, like the session cookie. */
  readonly name: string;
  private readonly secure: boolean;
  private readonly key: Buffer;

  constructor(
    sessionSecret: Buffer,
    appUrl: string,
    private readonly clock: Clock,
  ) {
    this.secure = appUrl.startsWith('https://');
    this.name = this.secure ? '__Host-mobius_device' : 'mobius_device';
    // Its own key, derived from the session secret: a device cookie can never pass for anything else.
    this.key = createHmac('sha256', sessionSecret).update('mobius device cookie').digest();
  }

  /** A new cookie for a device that just signed in to the account. */
  issue(accountId: string): IssuedDeviceCookie {
    const expiresAt = new Date(this.clock.now().getTime() + LIFETIME_DAYS * 24 * 60 * 60 * 1000);
    const body = `${VERSION}.${accountId}.${randomBytes(16).toString('base64url')}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return { value: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** The device the cookie names when it is ours, unexpired and for this account; otherwise null. */
  trusted(value: unknown, accountId: string | undefined): TrustedDevice | null {
    if (typeof value !== 'string' || value.length > MAX_LENGTH || accountId === undefined) return null;
    const match = SHAPE.exec(value);
    if (!match) return null;
    const [, claimedAccount, deviceId, expSeconds, signature] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = Buffer.from(this.sign(value.slice(0, value.lastIndexOf('.'))));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(expSeconds) * 1000 <= this.clock.now().getTime()) return null;
    if (claimedAccount !== accountId) return null;
    return { accountId, deviceId };
  }

  /** The raw cookie a request carries, if any. */
  of(req: Request): string | null {
    const value: unknown = req.cookies?.[this.name];
    return typeof value === 'string' && value !== '' ? value : null;
  }

  write(res: Response, cookie: IssuedDeviceCookie): void {
    res.cookie(this.name, cookie.value, {
      httpOnly: true,
      // Only the login form (same site) needs it; never sent on requests started by other sites.
      sameSite: 'strict',
      secure: this.secure,
      path: '/',
      expires: cookie.expiresAt,
    });
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
