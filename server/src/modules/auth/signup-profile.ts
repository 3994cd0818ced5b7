import type { EntityManager } from 'typeorm';
import { badInput } from '../../lib/errors';
import { hasControlCharacters } from '../../lib/text';
import type { SingleUseToken, SingleUseTokens } from '../tokens';
import { EMAIL_LINKS, LINK_TTL_MS, type EmailLink } from './email-links';

/**
 * The name and company typed at sign-up. Anyone can sign up with anyone's address, so this text is
 * never printed in an email before the address is verified; it travels with the verification link
 * and becomes the account's only when that link is used and no other sign-up of the address offered
 * a different profile meanwhile (docs/accounts.md §2).
 */
export interface SignupProfile {
  name: string | null;
  companyName: string | null;
}

export const NO_PROFILE: SignupProfile = { name: null, companyName: null };

/** The longest name or company name, in characters (the columns hold 100). */
export const PROFILE_TEXT_MAX_CHARS = 100;

/**
 * One profile field as typed: trimmed, empty meaning none, at most 100 characters, no control characters or
 * bidirectional overrides (they would reorder the text of emails and pages around it). Errors name `field`.
 */
export function profileText(value: string | null | undefined, field: string, label: string): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if ([...trimmed].length > PROFILE_TEXT_MAX_CHARS) {
    throw badInput(field, `${label} can be at most ${PROFILE_TEXT_MAX_CHARS} characters.`);
  }
  if (hasControlCharacters(trimmed, ['bidi'])) {
    throw badInput(field, `${label} cannot contain control characters or line breaks.`);
  }
  return trimmed;
}

/** The name and company of a sign-up or of a profile change (Account settings), validated alike. */
export function parseProfile(input: { name?: string | null; companyName?: string | null }): SignupProfile {
  return {
    name: profileText(input.name, 'name', 'Your name'),
    companyName: profileText(input.companyName, 'companyName', 'Company name'),
  };
}

const sameProfile = (a: SignupProfile, b: SignupProfile) => a.name === b.name && a.companyName === b.companyName;

/** Marks the account's live verification links contested when this sign-up offered a different profile. */
export async function contestDifferingLinks(
  tokens: Pick<SingleUseTokens, 'list' | 'updateContext'>,
  accountId: string,
  profile: SignupProfile,
): Promise<void> {
  const live = await tokens.list(EMAIL_LINKS.verify, accountId, { live: true });
  for (const link of live) {
    if (link.context.profileContested || sameProfile(link.context, profile)) continue;
    await tokens.updateContext(EMAIL_LINKS.verify, link.id, { ...link.context, profileContested: true });
  }
}

/**
 * What verifying with `link` gives the account: the link's profile, or none when it is contested or
 * another verification link sent to the address within a link's lifetime carried a different one.
 */
export async function profileToApply(
  tokens: Pick<SingleUseTokens, 'list'>,
  manager: EntityManager,
  link: SingleUseToken<EmailLink>,
  now: Date,
): Promise<SignupProfile> {
  if (link.context.profileContested) return NO_PROFILE;
  const since = new Date(now.getTime() - LINK_TTL_MS.verify);
  const recent = await tokens.list(EMAIL_LINKS.verify, link.accountId, { createdAfter: since }, manager);
  return recent.every((other) => sameProfile(other.context, link.context))
    ? { name: link.context.name, companyName: link.context.companyName }
    : NO_PROFILE;
}
