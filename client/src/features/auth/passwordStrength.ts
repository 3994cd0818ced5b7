/**
 * How hard a new password is to guess, by zxcvbn-ts (docs/accounts.md §3). The estimator and its
 * dictionaries are a large, separate chunk: loaded on first use with a dynamic import, so only the
 * pages where a password is set ever fetch it. The API applies the same rule with the account's own
 * address and name, and has the last word.
 */
export interface PasswordStrength {
  /** zxcvbn's band: 0 (guessed at once) to 4 (more than 10^10 guesses). */
  score: number;
  /** At least the 10^9 estimated guesses the API requires. */
  acceptable: boolean;
  warning: string | null;
  suggestions: string[];
}

export type PasswordEstimator = (password: string) => PasswordStrength;

let loading: Promise<PasswordEstimator> | undefined;
let loaded: PasswordEstimator | null = null;

/** The estimator if it has loaded already (form validation runs synchronously). */
export function loadedPasswordEstimator(): PasswordEstimator | null {
  return loaded;
}

/** Loads the estimator once; a failed load (offline) may be retried later. */
export function loadPasswordEstimator(): Promise<PasswordEstimator> {
  loading ??= import('./zxcvbnEstimator').then(
    (module) => {
      loaded = module.estimatePasswordStrength;
      return loaded;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The meter's level: 1 very weak, 2 weak (both refused), 3 good, 4 strong. */
export function strengthLevel(strength: PasswordStrength): 1 | 2 | 3 | 4 {
  if (strength.acceptable) return strength.score >= 4 ? 4 : 3;
  return strength.score <= 1 ? 1 : 2;
}

const LABELS = { 1: 'Very weak', 2: 'Weak', 3: 'Good', 4: 'Strong' } as const;

/** What the strength meter says, in words. */
export function strengthLabel(strength: PasswordStrength): string {
  return LABELS[strengthLevel(strength)];
}

/** zxcvbn's warning and suggestions as sentences; the API's refusal says the same. */
export function strengthAdvice(strength: PasswordStrength): string[] {
  if (strength.acceptable) return [];
  const advice = [strength.warning, ...strength.suggestions].filter((s): s is string => Boolean(s));
  return advice.length > 0 ? advice : ['Add another word or two. Uncommon words are better.'];
}
