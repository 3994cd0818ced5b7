import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { forbidden } from '../../lib/errors';
import { ApiToken } from './api-token.entity';
import type { ApiTokenService } from './api-token.service';
import { CreateApiTokenArgs, CreatedApiToken, RevokeApiTokenArgs } from './api-token.types';

/** Managing tokens takes a signed-in person: an API token cannot list or mint tokens. */
function sessionAccountId(ctx: GraphQLContext): string {
  if (ctx.principal !== 'session' || !ctx.account) throw forbidden('API tokens are managed from a signed-in session.');
  return ctx.account.id;
}

@Resolver()
export class ApiTokenResolver {
  constructor(private readonly service: ApiTokenService) {}

  @Authorized()
  @Query(() => [ApiToken], { description: 'The account’s API tokens, newest first (revoked ones included).' })
  apiTokens(@Ctx() ctx: GraphQLContext): Promise<ApiToken[]> {
    return this.service.list(sessionAccountId(ctx));
  }

  @Authorized()
  @Mutation(() => CreatedApiToken, {
    description: 'Creates a read-only API token; the token is shown only in this answer.',
  })
  createApiToken(@Args() args: CreateApiTokenArgs, @Ctx() ctx: GraphQLContext): Promise<CreatedApiToken> {
    return this.service.create(sessionAccountId(ctx), args.name);
  }

  @Authorized()
  @Mutation(() => ApiToken, { description: 'Revokes an API token at once (idempotent).' })
  revokeApiToken(@Args() args: RevokeApiTokenArgs, @Ctx() ctx: GraphQLContext): Promise<ApiToken> {
    return this.service.revoke(sessionAccountId(ctx), args.id);
  }
}
