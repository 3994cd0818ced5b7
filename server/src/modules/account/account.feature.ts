import { defineFeature } from '../feature';
import { Account } from './account.entity';
import { AccountResolver } from './account.resolver';

/** The account itself: its table and `me`. */
export const accountFeature = defineFeature({
  name: 'account',
  entities: [Account],
  resolvers: [AccountResolver],
  create: () => ({ services: {} }),
});
