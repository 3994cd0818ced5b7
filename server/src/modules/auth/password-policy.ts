import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { badInput } from '../../lib/errors';
import { hasControlCharacters } from '../../lib/text';

/**
 * The password policy (docs/accounts.md §3): 10–72 bytes, compared exactly as typed (no trimming),
 * and hard to guess by zxcvbn's estimate, with the user's own email, name and company counted as
 * easy guesses.
 */

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_BYTES = 72; // bcrypt ignores everything after 72 bytes
/**
 * At least 10^9 estimated guesses: zxcvbn's score 3 starts at 10^8, where "Summer2024!!" sits; its
 * score 4 starts at 10^10, which ten random characters only just reach.
 */
export const MIN_GUESSES_LOG10 = 9;

/** The l33t matcher tries at most this many substitutions (docs/accounts.md §3). */
export const L33T_MAX_SUBSTITUTIONS = 8;

export interface PasswordContext {
  email: string | null;
  name?: string | null;
  companyName?: string | null;
}

let estimator: Promise<ZxcvbnFactory> | undefined;

/** Loads the dictionaries and builds the estimator once, on first use (about a second of CPU). */
function strengthEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    return new ZxcvbnFactory({
      translations: english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
      // Bounds the l33t matcher's work: crafted 72-byte passwords took over a second with the default 100.
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
  })();
  return estimator;
}

/** The user's own words: the whole address, its local part and domain labels, and each word of name and company. */
export function userInputs(context: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (value: string) => {
    const lower = value.trim().toLowerCase();
    if (lower.length >= 2) words.add(lower);
  };
  if (context.email) {
    add(context.email);
    const [local = '', domain = ''] = context.email.split('@');
    add(local);
    local.split(/[^\p{L}\p{N}]+/u).forEach(add);
    domain.split('.').slice(0, -1).forEach(add);
  }
  for (const text of [context.name, context.companyName]) {
    if (!text) continue;
    add(text);
    add(text.replace(/\s+/g, ''));
    text.split(/[^\p{L}\p{N}]+/u).forEach(add);
  }
  return [...words];
}

function feedbackOf(result: ZxcvbnResult): string {
  const { warning, suggestions } = result.feedback;
  const advice = [warning, ...suggestions].filter((s): s is string => Boolean(s));
  // Between scores 3 and our floor zxcvbn gives no advice of its own.
  if (advice.length === 0) advice.push('Add another word or two. Uncommon words are better.');
  return advice.join(' ');
}

export async function assertAcceptablePassword(
  password: string,
  passwordConfirmation: string,
  context: PasswordContext,
): Promise<void> {
  if (password.length === 0) throw badInput('password', 'Enter a password.');
  if (hasControlCharacters(password)) {
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
  if (context.email) {
    const lower = password.toLowerCase();
    const local = context.email.split('@')[0] ?? '';
    if (lower.includes(context.email) || (local.length >= 4 && lower.includes(local))) {
      throw badInput('password', 'Your password must not contain your email address.');
    }
  }
  const result = (await strengthEstimator()).check(password, userInputs(context));
  if (result.guessesLog10 < MIN_GUESSES_LOG10) {
    throw badInput('password', `This password is too easy to guess. ${feedbackOf(result)}`);
  }
  if (password !== passwordConfirmation) throw badInput('passwordConfirmation', 'Passwords do not match.');
}
