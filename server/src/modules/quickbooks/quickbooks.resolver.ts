import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../lib/errors';
import type { GraphQLContext } from '../../graphql/context';
import { oncePerRequest } from '../../graphql/once-per-request';
import { Account } from '../account';
import type { QuickBooksAuthorizationService } from './quickbooks-authorization.service';
import type { QuickBooksConfigurationsService } from './quickbooks-configurations.service';
import type { QuickBooksConnectionService } from './quickbooks-connection.service';
import {
  AccountConnectionStatus,
  AddCompanyArgs,
  ConfigurationIdArgs,
  IdArgs,
  QuickBooksAuthorization,
  QuickBooksConfiguration,
  RenameCompanyArgs,
} from './quickbooks.types';

const accountOf = (ctx: GraphQLContext) => ctx.account as NonNullable<GraphQLContext['account']>;

export interface QuickBooksResolverServices {
  configurations: QuickBooksConfigurationsService;
  authorization: QuickBooksAuthorizationService;
  connection: QuickBooksConnectionService;
}

@Resolver(() => Account)
export class QuickBooksResolver {
  constructor(private readonly services: QuickBooksResolverServices) {}

  @FieldResolver(() => [QuickBooksConfiguration], { description: 'Default first, then in the order they were added.' })
  quickBooksConfigurations(@Root() account: Account): Promise<QuickBooksConfiguration[]> {
    return this.services.configurations.list(account.id);
  }

  @Authorized()
  @Query(() => AccountConnectionStatus, {
    description:
      'Every connection of the account with its stored status: cheap, never calls ConnectWise or Intuit. With maxAgeSeconds (60–86400), every connection checked longer ago than that is validated first (at most 15 such calls per account in 15 minutes; read-only API tokens may).',
  })
  connectionStatus(
    @Arg('maxAgeSeconds', () => Int, { nullable: true }) maxAgeSeconds: number | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountConnectionStatus> {
    if (maxAgeSeconds !== null && (maxAgeSeconds < 60 || maxAgeSeconds > 86_400)) {
      throw badInput('maxAgeSeconds', 'maxAgeSeconds must be between 60 and 86400 (one minute to one day).');
    }
    return this.services.connection.connectionStatus(accountOf(ctx).id, {
      maxAgeMs: maxAgeSeconds === null ? undefined : maxAgeSeconds * 1000,
    });
  }

  @Authorized()
  @Query(() => QuickBooksConfiguration, {
    nullable: true,
    description: 'One configuration of the signed-in account; null for an unknown id (or another account’s).',
  })
  quickBooksConfiguration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QuickBooksConfiguration | null> {
    return this.services.configurations.get(accountOf(ctx).id, id);
  }

  @Authorized()
  @Mutation(() => QuickBooksConfiguration, {
    description: '"Add New Company": a new, not yet connected configuration (needs a validated ConnectWise PSA).',
  })
  addQuickBooksCompany(@Args() args: AddCompanyArgs, @Ctx() ctx: GraphQLContext): Promise<QuickBooksConfiguration> {
    return this.services.configurations.add(accountOf(ctx).id, args.name);
  }

  @Authorized()
  @Mutation(() => QuickBooksConfiguration, { description: 'Renames a configuration other than Default.' })
  renameQuickBooksCompany(
    @Args() args: RenameCompanyArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QuickBooksConfiguration> {
    return this.services.configurations.rename(accountOf(ctx).id, args.id, args.name);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Deletes a configuration other than Default, revoking its QuickBooks authorization first.',
  })
  deleteQuickBooksCompany(@Args() args: IdArgs, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.services.configurations.remove(accountOf(ctx).id, args.id);
  }

  @Authorized()
  @Mutation(() => QuickBooksAuthorization, {
    description:
      '"Connect to QuickBooks": the Intuit sign-in URL with a single-use state valid for 10 minutes, bound to this account and configuration.',
  })
  beginQuickBooksAuth(@Args() args: ConfigurationIdArgs, @Ctx() ctx: GraphQLContext): Promise<QuickBooksAuthorization> {
    return this.services.authorization.beginAuthorization(accountOf(ctx).id, args.configurationId);
  }

  @Authorized()
  @Mutation(() => QuickBooksConfiguration, {
    description: 'Revokes the authorization at Intuit and forgets the tokens (idempotent).',
  })
  disconnectQuickBooks(
    @Args() args: ConfigurationIdArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QuickBooksConfiguration> {
    return this.services.connection.disconnect(accountOf(ctx).id, args.configurationId);
  }

  @Authorized()
  @Mutation(() => QuickBooksConfiguration, {
    description: 'Validates the connection now (QuickBooks CompanyInfo, refreshing the access token when needed).',
  })
  checkQuickBooksConnection(
    @Args() args: ConfigurationIdArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<QuickBooksConfiguration> {
    return oncePerRequest(ctx, `quickbooks-check:${args.configurationId}`, () =>
      this.services.connection.check(accountOf(ctx).id, args.configurationId),
    );
  }
}
