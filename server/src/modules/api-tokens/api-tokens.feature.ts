import { bindResolver, defineFeature } from '../feature';
import { ApiToken } from './api-token.entity';
import { ApiTokenResolver } from './api-token.resolver';
import { ApiTokenService } from './api-token.service';
import { apiTokensReadOnlyPlugin } from './read-only.plugin';

/** Named, revocable, read-only API tokens for partner tooling. */
export const apiTokensFeature = defineFeature({
  name: 'api-tokens',
  entities: [ApiToken],
  resolvers: [ApiTokenResolver],
  hashedColumns: [
    {
      entity: ApiToken,
      table: 'api_tokens',
      keyIdColumn: 'hashKeyId',
      live: 't.revokedAt IS NULL',
      note: 'each moves to the newest key the next time it is used',
    },
  ],
  create: (host) => {
    const apiTokens = new ApiTokenService({
      dataSource: host.dataSource,
      clock: host.clock,
      hashKeys: { keys: host.config.hashKeys },
      logger: host.logger,
    });
    return {
      services: { apiTokens },
      resolvers: [bindResolver(ApiTokenResolver, new ApiTokenResolver(apiTokens))],
      plugins: [apiTokensReadOnlyPlugin],
    };
  },
});
