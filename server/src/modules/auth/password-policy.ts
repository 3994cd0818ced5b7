import { dictionary } from '@zxcvbn-ts/language-common';
import { badInput } from '../../lib/errors';

/** SPEC §2: 10–72 bytes, not a common password; compared exactly as typed (no trimming). */

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_BYTES = 72; // bcrypt ignores everything after 72 bytes

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
const SEQUENCES = [
  'qwertyuiopasdfghjklzxcvbnm',
  'azertyuiopqsdfghjklmwxcvbn',
  'abcdefghijklmnopqrstuvwxyz',
  '12345678901234567890',
  '09876543210987654321',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
];

function isPredictable(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return true;
  if (new Set(lower).size <= 2) return true; // aaaaaaaaaa, ababababab
  return SEQUENCES.some((s) => s.includes(lower) || [...s].reverse().join('').includes(lower));
}

export function assertAcceptablePassword(password: string, passwordConfirmation: string, email: string | null): void {
  if (password.length === 0) throw badInput('password', 'Enter a password.');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(password)) {
    throw badInput('password', 'Passwords cannot contain control characters such as tabs or line breaks.');
  }
  if ([...password].length < MIN_PASSWORD_CHARS) {
    throw badInput('password', `Use at least ${MIN_PASSWORD_CHARS} characters.`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    throw badInput(
      'password',
      `Use at most ${MAX_PASSWORD_BYTES} bytes: a shorter passphrase, or fewer emoji and accented letters (they count as 2–4 bytes each).`,
    );
  }
  if (password.trim().length === 0) throw badInput('password', 'A password cannot be only spaces.');
  if (isPredictable(password)) {
    throw badInput('password', 'This password is too common and easy to guess. Choose something less predictable.');
  }
  if (email) {
    const lower = password.toLowerCase();
    const local = email.split('@')[0] ?? '';
    if (lower === email || (local.length >= 4 && lower.includes(local))) {
      throw badInput('password', 'Your password must not contain your email address.');
    }
  }
  if (password !== passwordConfirmation) throw badInput('passwordConfirmation', 'Passwords do not match.');
}
