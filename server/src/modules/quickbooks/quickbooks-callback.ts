import type { Request, RequestHandler } from 'express';
import type { Logger } from '../../lib/logger';
import type { QuickBooksAuthorizationService } from './quickbooks-authorization.service';
import type { QuickBooksConnectionService } from './quickbooks-connection.service';
import type { QuickBooksNotificationsService } from './quickbooks-notifications.service';

export const CALLBACK_PATH = '/oauth/quickbooks/callback';
/** Intuit's "Disconnect URL" of the app (README, production notes). */
export const DISCONNECT_PATH = '/oauth/quickbooks/disconnect';
const REALM_ID = /^\d{1,32}$/;

/**
 * A route Intuit sends the browser to: always a 302 to a page of our own app, built from APP_URL and ids we looked
 * up (never from the request: no open redirect), `fallback` when the work fails or finds nothing, never cached.
 */
function redirectingHandler(
  logger: Logger,
  failure: { event: string; message: string },
  fallback: string,
  work: (req: Request) => Promise<string | null>,
): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    let location = fallback;
    try {
      location = (await work(req)) ?? fallback;
    } catch (error) {
      logger.error({ event: failure.event, err: error }, failure.message);
    }
    res.redirect(302, location);
  };
}

/**
 * `GET /oauth/quickbooks/callback`: Intuit sends the browser here after its sign-in: to
 * `/quickbooks/<id>?connected=1|error=CODE[&heldBy=<id>]`, or `/?error=INVALID_STATE`.
 */
export function createQuickBooksCallbackHandler(deps: {
  authorization: Pick<QuickBooksAuthorizationService, 'completeAuthorization'>;
  notifications: Pick<QuickBooksNotificationsService, 'pageUrl'>;
  /** The signed-in account of the browser session cookie, or null. */
  sessionAccountId(req: Request): Promise<string | null>;
  appUrl: string;
  logger: Logger;
}): RequestHandler {
  const failure = { event: 'quickbooks.callback_failed', message: 'QuickBooks callback failed' };
  return redirectingHandler(deps.logger, failure, `${deps.appUrl}/?error=QUICKBOOKS_CONNECT_FAILED`, async (req) => {
    const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    const query = new URLSearchParams(rawQuery.length > 4096 ? '' : rawQuery);
    const accountId = await deps.sessionAccountId(req);
    const outcome = await deps.authorization.completeAuthorization(accountId, query);
    const page = outcome.configurationId ? deps.notifications.pageUrl(outcome.configurationId) : `${deps.appUrl}/`;
    const search = new URLSearchParams(outcome.result === 'connected' ? { connected: '1' } : { error: outcome.result });
    // Which configuration holds the company: its id only, encoded; the page shows that configuration's name.
    if (outcome.heldBy) search.set('heldBy', outcome.heldBy);
    return `${page}?${search.toString()}`;
  });
}

/**
 * `GET /oauth/quickbooks/disconnect?realmId=…`: Intuit sends the browser here when someone disconnects Mobius inside
 * QuickBooks. The configurations whose grant Intuit confirms is gone become NOT_CONNECTED at once
 * (QuickBooksConnectionService.disconnectedAtIntuit); the browser lands on the signed-in account's configuration
 * for that company (`?error=DISCONNECTED_IN_QUICKBOOKS`), or on the dashboard.
 */
export function createQuickBooksDisconnectHandler(deps: {
  connection: Pick<QuickBooksConnectionService, 'disconnectedAtIntuit'>;
  notifications: Pick<QuickBooksNotificationsService, 'pageUrl'>;
  sessionAccountId(req: Request): Promise<string | null>;
  appUrl: string;
  logger: Logger;
}): RequestHandler {
  const failure = { event: 'quickbooks.disconnect_url_failed', message: 'QuickBooks Disconnect URL failed' };
  return redirectingHandler(deps.logger, failure, `${deps.appUrl}/`, async (req) => {
    const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : '';
    if (!REALM_ID.test(realmId)) return null;
    const [disconnected, accountId] = await Promise.all([
      deps.connection.disconnectedAtIntuit(realmId),
      deps.sessionAccountId(req),
    ]);
    const mine = disconnected.find((record) => record.accountId === accountId);
    return mine ? `${deps.notifications.pageUrl(mine.id)}?error=DISCONNECTED_IN_QUICKBOOKS` : null;
  });
}
