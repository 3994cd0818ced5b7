import { domainToASCII } from 'node:url';
import { isEmail } from 'class-validator';
import { badInput } from '../../lib/errors';

/**
 * One documented rule (docs/accounts.md §4): trim; the local part lower-cased and in Unicode NFC; the
 * domain in its ASCII (IDNA) form, so `user@exämple.com` and `user@xn--exmple-cua.com` are one address.
 * Returns null when the domain is not a valid internationalised domain name.
 */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed.normalize('NFC').toLowerCase();
  const local = trimmed.slice(0, at).normalize('NFC').toLowerCase();
  const domain = trimmed.slice(at + 1);
  // Letters, marks, digits, hyphens and dots only: the URL parser behind domainToASCII would otherwise
  // percent-decode or split the name into another domain.
  if (!/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return null;
  const ascii = domainToASCII(domain); // '' when not a valid IDN, including undecodable xn-- labels
  return ascii === '' ? null : `${local}@${ascii}`;
}

export function parseEmail(raw: unknown, field = 'email'): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badInput(field, 'Enter your email address.');
  const email = normalizeEmail(raw);
  if (email === null) throw badInput(field, 'Enter a valid email address, like name@company.com.');
  if (email.length > 254 || (email.split('@')[0] ?? '').length > 64) {
    throw badInput(field, 'This email address is too long.');
  }
  if (
    /[\s,;<>"]/.test(email) ||
    !isEmail(email, { allow_display_name: false, require_tld: true, allow_ip_domain: false })
  ) {
    throw badInput(field, 'Enter a valid email address, like name@company.com.');
  }
  return email;
}
