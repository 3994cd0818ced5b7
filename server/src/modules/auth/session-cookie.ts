import type { Request } from 'express';

/** The browser session cookie's name: `__Host-` prefixed (secure, host-only) when the app is served over HTTPS. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith('https://') ? '__Host-mobius_session' : 'mobius_session';
}

/** The session token a browser request carries in its cookie, or null. */
export function sessionCookieOf(req: Request, appUrl: string): string | null {
  const cookie: unknown = req.cookies?.[sessionCookieName(appUrl)];
  return typeof cookie === 'string' && cookie !== '' ? cookie : null;
}
