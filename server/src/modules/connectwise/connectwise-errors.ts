import type { ConnectWiseError } from '../../integrations/connectwise';
import { DomainError, ErrorCode, badInput, declareErrorCodes, rateLimited } from '../../lib/errors';

/** ConnectWise's codes in `extensions.code`: the field named tells the person what to fix. */
export const ConnectWiseErrorCode = declareErrorCodes(
  'CONNECTWISE_SITE_UNREACHABLE',
  'CONNECTWISE_COMPANY_NOT_FOUND',
  'CONNECTWISE_INVALID_KEYS',
  'CONNECTWISE_MISSING_PERMISSIONS',
  /** No working connection: QuickBooks Online and imports wait for one. */
  'CONNECTWISE_REQUIRED',
);

/** Maps a ConnectWise client failure to what the person sees: a code, the field to fix, a sentence. */
export function toDomainError(error: ConnectWiseError): DomainError {
  switch (error.kind) {
    case 'INVALID_SITE':
      return badInput('site', error.message);
    case 'INVALID_INPUT':
      if (error.field === 'clientId') return new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, error.message);
      return badInput(error.field ?? 'site', error.message);
    case 'SITE_UNREACHABLE':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_SITE_UNREACHABLE, error.message, { field: 'site' });
    case 'COMPANY_NOT_FOUND':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_COMPANY_NOT_FOUND, error.message, { field: 'companyId' });
    case 'INVALID_KEYS':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_INVALID_KEYS, error.message, { field: 'publicKey' });
    case 'MISSING_PERMISSIONS':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_MISSING_PERMISSIONS, error.message, {
        field: 'publicKey',
      });
    case 'RATE_LIMITED':
      return rateLimited((error.retryAfterSeconds ?? 60) * 1000, 'ConnectWise PSA is limiting requests');
    case 'REQUEST_REJECTED':
      if (error.field === 'clientId') {
        return new DomainError(
          ConnectWiseErrorCode.CONNECTWISE_SITE_UNREACHABLE,
          'ConnectWise PSA refused Mobius’s integration client ID. This is a Mobius configuration problem: please contact support.',
          { field: 'site' },
        );
      }
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_SITE_UNREACHABLE, error.message, { field: 'site' });
    case 'NOT_FOUND':
    case 'SERVER_ERROR':
    case 'BAD_RESPONSE':
      return new DomainError(
        ConnectWiseErrorCode.CONNECTWISE_SITE_UNREACHABLE,
        `${error.message} Check that the Site is your ConnectWise PSA address.`,
        { field: 'site' },
      );
  }
}

/** Failures that mean the saved credentials no longer work (as opposed to a passing outage). */
export function isPermanentFailure(error: ConnectWiseError): boolean {
  return error.kind === 'INVALID_KEYS' || error.kind === 'MISSING_PERMISSIONS' || error.kind === 'COMPANY_NOT_FOUND';
}
