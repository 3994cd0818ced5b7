import { QboClient } from '../../integrations/intuit/qbo-client';
import type { Logger } from '../../lib/logger';

/** Builds a QBO API client for one company and access token; a seam so that services can be tested with fakes. */
export type QboClientFactory = (realmId: string, accessToken: string, log: Record<string, unknown>) => QboClient;

export function qboClientFactory(deps: { baseUrl: string; logger: Logger; timeoutMs?: number }): QboClientFactory {
  return (realmId, accessToken, log) =>
    new QboClient({
      baseUrl: deps.baseUrl,
      realmId,
      accessToken,
      timeoutMs: deps.timeoutMs ?? 15_000,
      onResponse: (event) =>
        deps.logger.debug(
          {
            event: 'qbo.response',
            ...log,
            method: event.method,
            resource: event.resource,
            status: event.status,
            durationMs: event.durationMs,
            intuit_tid: event.intuitTid,
          },
          'QuickBooks Online answered',
        ),
    });
}
