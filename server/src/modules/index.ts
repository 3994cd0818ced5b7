import { accountFeature } from './account';
import { apiTokensFeature } from './api-tokens';
import { authFeature } from './auth';
import { connectionChecksFeature } from './connection-checks';
import { connectWiseFeature } from './connectwise';
import type { Feature } from './feature';
import { mailFeature } from './mail';
import { importsFeature } from './imports';
import { quickBooksFeature } from './quickbooks';
import { tokensFeature } from './tokens';

/** Every feature of the product, each listed after the features it uses (see feature.ts). */
export const features: readonly Feature[] = [
  accountFeature,
  tokensFeature,
  mailFeature,
  authFeature,
  connectionChecksFeature,
  connectWiseFeature,
  quickBooksFeature,
  apiTokensFeature,
  importsFeature,
];
