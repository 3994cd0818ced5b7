import { useQuery } from '@apollo/client/react';
import { EmailLinkDocument, type EmailLinkProblem, type EmailLinkPurpose } from '../../../generated/graphql';

export type EmailLinkCheck =
  | { status: 'checking' }
  /** The link can set a password; `email` is the account it is for. */
  | { status: 'valid'; email: string }
  /** Used, expired, or no such link (a missing token included). */
  | { status: 'dead'; reason: EmailLinkProblem }
  /** The server could not say (offline, too many links tried): the form is shown and its submit decides. */
  | { status: 'unknown' };

/**
 * Asks the server, as the page opens, what the emailed link is (`emailLink`). Reading it uses nothing up: mail
 * scanners open links too, and only submitting the new password uses the token. The answer is not cached, so
 * the token stays out of the Apollo cache.
 */
export function useEmailLink(token: string | null, purpose: EmailLinkPurpose): EmailLinkCheck {
  const { data, error } = useQuery(EmailLinkDocument, {
    variables: { token: token ?? '', purpose },
    skip: token === null,
    fetchPolicy: 'no-cache',
  });
  if (token === null) return { status: 'dead', reason: 'INVALID' };
  if (error) return { status: 'unknown' };
  const link = data?.emailLink;
  if (!link) return { status: 'checking' };
  if (link.valid && link.email) return { status: 'valid', email: link.email };
  return { status: 'dead', reason: link.reason ?? 'INVALID' };
}
