import { isConnectWiseError } from '../../integrations/connectwise';
import { DomainError, ErrorCode, rateLimited } from '../../lib/errors';

/** A ConnectWise failure during an import, as the person sees it (the setup form has its own wording). */
export function connectWiseProblem(error: unknown): DomainError | null {
  if (!isConnectWiseError(error)) return null;
  const message = `ConnectWise PSA: ${error.message}`;
  switch (error.kind) {
    case 'INVALID_KEYS':
      return new DomainError(ErrorCode.CONNECTWISE_INVALID_KEYS, message);
    case 'MISSING_PERMISSIONS':
      return new DomainError(ErrorCode.CONNECTWISE_MISSING_PERMISSIONS, message);
    case 'COMPANY_NOT_FOUND':
      return new DomainError(ErrorCode.CONNECTWISE_COMPANY_NOT_FOUND, message);
    case 'RATE_LIMITED':
      return rateLimited((error.retryAfterSeconds ?? 60) * 1000, 'ConnectWise PSA is limiting requests');
    default:
      return new DomainError(ErrorCode.CONNECTWISE_SITE_UNREACHABLE, message);
  }
}
