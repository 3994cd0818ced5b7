import { defineFeature } from '../feature';
import { SingleUseTokenRecord } from './single-use-token.entity';
import { SingleUseTokens } from './single-use-tokens';

export interface TokensServices {
  /** Issue, read and use single-use tokens; each feature declares its purposes (tokenKind). */
  singleUse: SingleUseTokens;
}

/**
 * Single-use tokens of every purpose in one table (docs/decisions/0002-single-use-tokens.md). It names the purposes
 * (the column's values) and nothing else of the features: each declares its tokens' lifetime and context (tokenKind).
 */
export const tokensFeature = defineFeature<TokensServices>({
  name: 'tokens',
  entities: [SingleUseTokenRecord],
  resolvers: [],
  hashedColumns: [
    {
      entity: SingleUseTokenRecord,
      table: 'single_use_tokens',
      keyIdColumn: 'hashKeyId',
      live: 't.usedAt IS NULL AND t.expiresAt > :now',
      note: 'pending email links and QuickBooks sign-ins; they expire within 24 hours',
    },
  ],
  create: ({ config, dataSource, clock }) => ({
    services: { singleUse: new SingleUseTokens(dataSource, { keys: config.hashKeys }, clock) },
  }),
});
