import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Account } from './account.entity';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'The signed-in account, or null when not signed in.' })
  me(@Ctx() ctx: GraphQLContext): Account | null {
    return ctx.account;
  }
}
