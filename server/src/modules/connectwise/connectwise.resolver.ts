import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { oncePerRequest } from '../../graphql/once-per-request';
import { Account } from '../account';
import type { ConnectWiseService } from './connectwise.service';
import { ConnectWiseConnection, ConnectWiseInput, DisconnectConnectWiseArgs } from './connectwise.types';

const accountOf = (ctx: GraphQLContext) => ctx.account as NonNullable<GraphQLContext['account']>;

@Resolver(() => Account)
export class ConnectWiseResolver {
  constructor(private readonly service: ConnectWiseService) {}

  @FieldResolver(() => ConnectWiseConnection, {
    nullable: true,
    description: 'Null until ConnectWise PSA is configured.',
  })
  connectWise(@Root() account: Account): Promise<ConnectWiseConnection | null> {
    return this.service.get(account.id);
  }

  @Authorized()
  @Mutation(() => ConnectWiseConnection, {
    description:
      'Validates the credentials live against ConnectWise PSA, then stores them (replacing the previous ones).',
  })
  saveConnectWise(@Arg('input') input: ConnectWiseInput, @Ctx() ctx: GraphQLContext): Promise<ConnectWiseConnection> {
    return this.service.save(accountOf(ctx).id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Disconnects ConnectWise PSA: Mobius forgets the site, company and keys, and imports stop until it is connected again. QuickBooks Online connections stay as they are. Asks for currentPassword when a connection exists. Idempotent: true when a connection was removed, false when there was none.',
  })
  disconnectConnectWise(@Args() args: DisconnectConnectWiseArgs, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.service.disconnect(accountOf(ctx).id, args.currentPassword);
  }

  @Authorized()
  @Mutation(() => ConnectWiseConnection, {
    nullable: true,
    description:
      'Validates the stored connection again when its last check is old (or always, with force). Null when not configured.',
  })
  checkConnectWiseConnection(
    @Arg('force', () => Boolean, { defaultValue: false }) force: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectWiseConnection | null> {
    return oncePerRequest(ctx, `connectwise-check:${force}`, () => this.service.recheck(accountOf(ctx).id, { force }));
  }
}
