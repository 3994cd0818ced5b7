/** Checks the API also enforces, run first so people see them before a round trip. */
export const PASSWORD_MIN_CHARS = 10;
/** bcrypt reads only the first 72 bytes; the API refuses longer passwords rather than truncate them. */
export const PASSWORD_MAX_BYTES = 72;
/** The API's floor of estimated guesses (zxcvbn), as a power of ten (docs/accounts.md §3). */
export const PASSWORD_MIN_GUESSES_LOG10 = 9;

const encoder = new TextEncoder();

export function utf8ByteLength(value: string): number {
  return encoder.encode(value).length;
}

export function validateNewPassword(password: string): string | null {
  if (password.length === 0) return 'Enter a password.';
  if ([...password].length < PASSWORD_MIN_CHARS) return `Use at least ${PASSWORD_MIN_CHARS} characters.`;
  const bytes = utf8ByteLength(password);
  if (bytes > PASSWORD_MAX_BYTES) {
    return `Use at most ${PASSWORD_MAX_BYTES} bytes (this one has ${bytes}; accented letters and emoji count as 2–4 each).`;
  }
  return null;
}

export function validatePasswordConfirmation(confirmation: string, password: string): string | null {
  if (confirmation.length === 0) return 'Retype your password.';
  if (confirmation !== password) return 'Passwords do not match.';
  return null;
}

export function validateEmail(email: string): string | null {
  const value = email.trim();
  if (value === '') return 'Enter your email address.';
  // A light check for typos; the API has the final word.
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter a valid email address, like name@company.com.';
  return null;
}
