import { tokenKind, type TokenKind } from '../tokens';

/** The two kinds of emailed link: a sign-up's verification link and a password reset link. */
export type EmailLinkKind = 'verify' | 'reset';

/** What an emailed link carries (a single-use token's context). */
export interface EmailLink {
  /** The address the link was sent to: the link is void once the account's email differs. */
  email: string;
  /**
   * The profile typed at the sign-up that sent this verification link, applied when the link is used unless
   * contested (docs/accounts.md §2). Null on reset links.
   */
  name: string | null;
  companyName: string | null;
  /** Another sign-up of the address offered a different profile while this link was live. */
  profileContested: boolean;
}

/** How long each kind of link lives. */
export const LINK_TTL_MS: Record<EmailLinkKind, number> = {
  verify: 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

/** The single-use token purpose of each kind of link. */
export const EMAIL_LINKS: Record<EmailLinkKind, TokenKind<EmailLink>> = {
  verify: tokenKind<EmailLink>('EMAIL_VERIFICATION', LINK_TTL_MS.verify),
  reset: tokenKind<EmailLink>('PASSWORD_RESET', LINK_TTL_MS.reset),
};

/** Every kind of emailed link: all are voided once a password is set. */
export const ALL_EMAIL_LINKS = Object.values(EMAIL_LINKS);
