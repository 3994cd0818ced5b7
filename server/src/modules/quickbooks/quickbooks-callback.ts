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
 * `GET /oauth/quickbooks/callback`: Intuit sends the browser here. Always answers 302 to a page of
 * our own app (`/quickbooks/<id>?connected=1|error=CODE[&heldBy=<id>]`, or `/?error=INVALID_STATE`): the target is
 * built from APP_URL and a configuration id we looked up, never from the request (no open redirect).
 */
export function createQuickBooksCallbackHandler(deps: {
  authorization: Pick<QuickBooksAuthorizationService, 'completeAuthorization'>;
  notifications: Pick<QuickBooksNotificationsService, 'pageUrl'>;
  /** The signed-in account of the browser session cookie, or null. */
  sessionAccountId(req: Request): Promise<string | null>;
  appUrl: string;
  logger: Logger;
}): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    let location = `${deps.appUrl}/?error=QUICKBOOKS_CONNECT_FAILED`;
    try {
      const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      const query = new URLSearchParams(rawQuery.length > 4096 ? '' : rawQuery);
      const accountId = await deps.sessionAccountId(req);
      const outcome = await deps.authorization.completeAuthorization(accountId, query);
      const page = outcome.configurationId ? deps.notifications.pageUrl(outcome.configurationId) : `${deps.appUrl}/`;
      const search = new URLSearchParams(
        outcome.result === 'connected' ? { connected: '1' } : { error: outcome.result },
      );
      // Which configuration holds the company: its id only, encoded; the page shows that configuration's name.
      if (outcome.heldBy) search.set('heldBy', outcome.heldBy);
      location = `${page}?${search.toString()}`;
    } catch (error) {
      deps.logger.error({ event: 'quickbooks.callback_failed', err: error }, 'QuickBooks callback failed');
    }
    res.redirect(302, location);
  };
}

/**
 * `GET /oauth/quickbooks/disconnect?realmId=…`: Intuit sends the browser here when someone disconnects Mobius inside
 * QuickBooks. The configurations whose grant Intuit confirms is gone become NOT_CONNECTED at once
 * (QuickBooksConnectionService.disconnectedAtIntuit); the browser lands on the signed-in account's configuration
 * for that company (`?error=DISCONNECTED_IN_QUICKBOOKS`), or on the dashboard. Always a 302 to our own app.
 */
export function createQuickBooksDisconnectHandler(deps: {
  connection: Pick<QuickBooksConnectionService, 'disconnectedAtIntuit'>;
  notifications: Pick<QuickBooksNotificationsService, 'pageUrl'>;
  sessionAccountId(req: Request): Promise<string | null>;
  appUrl: string;
  logger: Logger;
}): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    let location = `${deps.appUrl}/`;
    try {
      const realmId = typeof req.query.realmId === 'string' ? req.query.realmId : '';
      if (REALM_ID.test(realmId)) {
        const [disconnected, accountId] = await Promise.all([
          deps.connection.disconnectedAtIntuit(realmId),
          deps.sessionAccountId(req),
        ]);
        const mine = disconnected.find((record) => record.accountId === accountId);
        if (mine) location = `${deps.notifications.pageUrl(mine.id)}?error=DISCONNECTED_IN_QUICKBOOKS`;
      }
    } catch (error) {
      deps.logger.error({ event: 'quickbooks.disconnect_url_failed', err: error }, 'QuickBooks Disconnect URL failed');
    }
    res.redirect(302, location);
  };
}
