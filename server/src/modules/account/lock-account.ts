import type { EntityManager } from 'typeorm';
import { forUpdate } from '../../db/transaction';
import { Account } from './account.entity';

/**
 * The account's row read in the caller's transaction and locked until it ends (on MySQL; SQLite writes one at a time
 * anyway), so that changes decided from it (an email budget spent, a password changed) happen one at a time.
 */
export function lockAccount(manager: EntityManager, accountId: string): Promise<Account | null> {
  return forUpdate(
    manager.getRepository(Account).createQueryBuilder('account').where('account.id = :accountId', { accountId }),
  ).getOne();
}
