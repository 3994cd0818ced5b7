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
  create: (host) => {
    const apiTokens = new ApiTokenService({
      dataSource: host.dataSource,
      clock: host.clock,
      hmacKey: host.config.tokenHmacKey,
      logger: host.logger,
    });
    return {
      services: { apiTokens },
      resolvers: [bindResolver(ApiTokenResolver, new ApiTokenResolver(apiTokens))],
      plugins: [apiTokensReadOnlyPlugin],
    };
  },
});
