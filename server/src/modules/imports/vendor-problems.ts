import { isConnectWiseError } from '../../integrations/connectwise';
import { QboError } from '../../integrations/intuit/qbo-client';
import { DomainError, rateLimited } from '../../lib/errors';
import { ConnectWiseErrorCode } from '../connectwise';
import { QuickBooksErrorCode } from '../quickbooks';

/** A ConnectWise failure during an import, as the person sees it (the setup form has its own wording). */
export function connectWiseProblem(error: unknown): DomainError | null {
  // The connection was disconnected (or lost) while the run was queued or running: the run stops with this.
  if (error instanceof DomainError && error.is(ConnectWiseErrorCode.CONNECTWISE_REQUIRED)) return error;
  if (!isConnectWiseError(error)) return null;
  const message = `ConnectWise PSA: ${error.message}`;
  switch (error.kind) {
    case 'INVALID_KEYS':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_INVALID_KEYS, message);
    case 'MISSING_PERMISSIONS':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_MISSING_PERMISSIONS, message);
    case 'COMPANY_NOT_FOUND':
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_COMPANY_NOT_FOUND, message);
    case 'RATE_LIMITED':
      return rateLimited((error.retryAfterSeconds ?? 60) * 1000, 'ConnectWise PSA is limiting requests');
    default:
      return new DomainError(ConnectWiseErrorCode.CONNECTWISE_SITE_UNREACHABLE, message);
  }
}

/** A QuickBooks Online failure while a person waits (mappings, options): a code and a sentence, never a 500. */
export function quickBooksProblem(error: unknown): DomainError | null {
  if (!(error instanceof QboError)) return null;
  switch (error.kind) {
    case 'THROTTLED':
      return rateLimited(
        (error.retryAfterSeconds ?? 60) * 1000,
        'QuickBooks Online is limiting requests for this company',
      );
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return new DomainError(
        QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED,
        'QuickBooks Online refused this connection. Check the connection on the configuration page.',
      );
    default:
      return new DomainError(
        QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE,
        'QuickBooks Online could not be read just now. Please try again in a minute.',
      );
  }
}
