import { parseRetryAfter, type HttpResult } from './connectwise-http';
import { ConnectWiseError, badResponse } from './errors';
import { upstreamErrorCode } from './mappers';
import { isUnreadablePayload } from './unreadable-payload';

/** HTTP status → ConnectWiseError, with messages that name the field to fix and never echo keys or bodies. */

export interface FailureContext {
  companyId: string;
  siteLabel: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function invalidKeys(status: number, companyId: string, upstreamCode?: string): ConnectWiseError {
  return new ConnectWiseError(
    'INVALID_KEYS',
    `ConnectWise PSA did not accept the Public Key and Private Key for company "${companyId}" ` +
      `(HTTP ${status}). Check both keys and that the API member is active.`,
    { status, field: 'publicKey', upstreamCode },
  );
}

export function rateLimited(result: HttpResult): ConnectWiseError {
  const waitMs = parseRetryAfter(result.headers.get('retry-after'));
  const retryAfterSeconds = waitMs === undefined ? undefined : Math.ceil(waitMs / 1000);
  const when = retryAfterSeconds === undefined ? 'shortly' : `in ${retryAfterSeconds} seconds`;
  return new ConnectWiseError('RATE_LIMITED', `ConnectWise PSA is limiting requests; try again ${when}.`, {
    status: 429,
    retryAfterSeconds,
  });
}

export function serverError(status: number, siteLabel: string): ConnectWiseError {
  return new ConnectWiseError(
    'SERVER_ERROR',
    `ConnectWise PSA at ${siteLabel} had a server error (HTTP ${status}). Try again later.`,
    { status },
  );
}

export function failureFor(result: HttpResult, context: FailureContext): ConnectWiseError {
  const { status } = result;
  const upstreamCode = upstreamErrorCode(parseJson(result.text));
  if (status === 401) return invalidKeys(status, context.companyId, upstreamCode);
  if (status === 403) {
    return new ConnectWiseError(
      'MISSING_PERMISSIONS',
      'The API member for these keys is not allowed to do this (HTTP 403). Check its security role’s ' +
        'Finance › Accounting Interface and Companies rights in ConnectWise PSA.',
      { status, field: 'publicKey', upstreamCode },
    );
  }
  if (status === 404) {
    return new ConnectWiseError('NOT_FOUND', 'ConnectWise PSA could not find that record (HTTP 404).', {
      status,
      upstreamCode,
    });
  }
  if (status === 429) return rateLimited(result);
  if (isUnreadablePayload(status, result.text)) {
    return new ConnectWiseError(
      'REQUEST_REJECTED',
      `ConnectWise PSA could not read the request Mobius sent (HTTP ${status}: a value of the wrong type). ` +
        'This is an error in Mobius, not an outage; trying again will not help.',
      { status, upstreamCode },
    );
  }
  if (status >= 500) return serverError(status, context.siteLabel);
  if (status >= 300 && status < 400) {
    return badResponse(`a redirect (HTTP ${status}), which Mobius does not follow`, { status });
  }
  if (status === 400 && /clientid/i.test(result.text)) {
    return new ConnectWiseError(
      'REQUEST_REJECTED',
      'ConnectWise PSA refused Mobius’s clientId (HTTP 400); the operator must set CONNECTWISE_CLIENT_ID.',
      { status, field: 'clientId', upstreamCode },
    );
  }
  return new ConnectWiseError(
    'REQUEST_REJECTED',
    `ConnectWise PSA rejected the request (HTTP ${status}${upstreamCode ? `, ${upstreamCode}` : ''}).`,
    { status, upstreamCode },
  );
}
