export { Account } from './account.entity';
export { accountFeature } from './account.feature';
