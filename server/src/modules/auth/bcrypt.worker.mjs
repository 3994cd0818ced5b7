// @ts-check
/**
 * The bcrypt work of logins, sign-ups and resets, run in a worker thread of the password-hashing pool
 * (hash-pool.ts) so a burst of logins never blocks the event loop (docs/login-protection.md).
 *
 * Plain JavaScript on purpose: worker threads load it by file name, both from the compiled `dist/` and
 * from `src/` when the tests run the TypeScript sources, and Node 20 cannot load a `.ts` file itself.
 */
import bcrypt from 'bcryptjs';

/** @param {{ password: string; cost: number }} task */
export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

/** @param {{ password: string; hash: string }} task */
export function compare({ password, hash }) {
  return bcrypt.compareSync(password, hash);
}
