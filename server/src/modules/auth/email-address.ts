import { isEmail } from 'class-validator';
import { badInput } from '../../lib/errors';

/** One documented rule: trim, then lower-case the whole address (local part included). */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function parseEmail(raw: unknown, field = 'email'): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badInput(field, 'Enter your email address.');
  const email = normalizeEmail(raw);
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
