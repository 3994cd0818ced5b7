import type { EntityManager } from 'typeorm';

/**
 * Called when an account becomes verified (sign-up link, or a password reset of an account that never
 * verified), inside that transaction: what a listener writes commits with the verification or not at all.
 */
export type AccountVerifiedListener = (accountId: string, manager: EntityManager) => Promise<void>;
