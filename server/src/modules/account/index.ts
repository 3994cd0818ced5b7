export { Account } from './account.entity';
export { accountFeature } from './account.feature';
export { AccountReads, ACCOUNT_PROPERTIES } from './account-reads';
export { lockAccount } from './lock-account';
