import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Account } from '../account';
import type { AccountSettings } from './account-settings.service';
import { ChangePasswordArgs, UpdateProfileInput } from './account-settings.types';
import { AuthPayload } from './auth.types';

const accountOf = (ctx: GraphQLContext) => ctx.account as NonNullable<GraphQLContext['account']>;

/** The Account settings page: profile and password. Sessions only: read-only API tokens are refused (auth-checker.ts). */
@Resolver()
export class AccountSettingsResolver {
  constructor(private readonly settings: AccountSettings) {}

  @Authorized()
  @Mutation(() => Account, { description: 'Changes the name and company of the signed-in account.' })
  updateProfile(@Arg('input') input: UpdateProfileInput, @Ctx() ctx: GraphQLContext): Promise<Account> {
    return this.settings.updateProfile(accountOf(ctx).id, input);
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description:
      'Changes the password after checking the current one (wrong ones are throttled like logins). Ends every other session: this browser gets a new session cookie, API clients the new token. Emails "Your Mobius password was changed".',
  })
  async changePassword(@Args() args: ChangePasswordArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const changed = await this.settings.changePassword(accountOf(ctx).id, args.currentPassword, args.newPassword, {
      ip: ctx.ip,
      userAgent: ctx.req.get('user-agent') ?? null,
    });
    ctx.setSession(changed.token, changed.expiresAt);
    return { token: changed.token, account: changed.account };
  }
}
