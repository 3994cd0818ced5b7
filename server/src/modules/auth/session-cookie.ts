import type { Request, Response } from 'express';

/**
 * The dashboard's session cookie: HTTP-only, SameSite=Lax, whole-site; over HTTPS Secure and `__Host-` prefixed
 * (secure, host-only).
 */
export interface SessionCookie {
  /** The session token the request carries, or null. */
  read(req: Request): string | null;
  /** Signs the browser in: the cookie lives as long as the session. */
  set(res: Response, token: string, expiresAt: Date): void;
  /** Signs the browser out. */
  clear(res: Response): void;
}

export function sessionCookie(appUrl: string): SessionCookie {
  const https = appUrl.startsWith('https://');
  const name = https ? '__Host-mobius_session' : 'mobius_session';
  const flags = { httpOnly: true, sameSite: 'lax', secure: https, path: '/' } as const;
  return {
    read: (req) => {
      const cookie: unknown = req.cookies?.[name];
      return typeof cookie === 'string' && cookie !== '' ? cookie : null;
    },
    set: (res, token, expiresAt) => {
      res.cookie(name, token, { ...flags, expires: expiresAt });
    },
    clear: (res) => {
      res.clearCookie(name, flags);
    },
  };
}
