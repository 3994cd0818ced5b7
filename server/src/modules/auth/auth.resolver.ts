import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import type { AuthService, RequestMeta, SignedIn } from './auth.service';
import type { DeviceCookies } from './device-cookie';
import {
  AuthPayload,
  EmailArgs,
  EmailLink,
  EmailLinkArgs,
  EmailLinkProblem,
  LoginArgs,
  SetPasswordArgs,
  SignupArgs,
} from './auth.types';

/** Where a new session comes from: the address Express resolved and the browser's User-Agent. */
function origin(ctx: GraphQLContext): RequestMeta {
  return { ip: ctx.ip, userAgent: ctx.req.get('user-agent') ?? null };
}

function toPayload(ctx: GraphQLContext, signedIn: SignedIn): AuthPayload {
  ctx.setSession(signedIn.token, signedIn.expiresAt);
  return { token: signedIn.token, account: signedIn.account };
}

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly devices: DeviceCookies,
  ) {}

  @Mutation(() => Boolean, {
    description: 'Starts sign-up: emails a verification link. Same answer whether or not the address has an account.',
  })
  async signup(@Args() args: SignupArgs, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.auth.signup(args, { ip: ctx.ip });
    return true;
  }

  @Mutation(() => AuthPayload, {
    description: 'Verifies the email with the emailed token, sets the password, signs in.',
  })
  async verifyEmail(@Args() args: SetPasswordArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return toPayload(
      ctx,
      await this.auth.verifyEmail(args.token, args.password, args.passwordConfirmation, origin(ctx)),
    );
  }

  @Mutation(() => AuthPayload)
  async login(@Args() args: LoginArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    const signedIn = await this.auth.login(args.email, args.password, {
      ...origin(ctx),
      deviceCookie: this.devices.of(ctx.req),
    });
    if (signedIn.deviceCookie) this.devices.write(ctx.res, signedIn.deviceCookie);
    return toPayload(ctx, signedIn);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Ends this session only; the account’s other sessions stay signed in (see `sessions`, `signOutOtherSessions`). ' +
      'With an API token it does nothing.',
  })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    if (ctx.account && ctx.sessionId) await this.auth.logout(ctx.account.id, ctx.sessionId);
    ctx.clearSession();
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Emails a password reset link if the account exists (same answer either way).',
  })
  async requestPasswordReset(@Args() args: EmailArgs, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.auth.requestPasswordReset(args.email, { ip: ctx.ip });
    return true;
  }

  @Query(() => EmailLink, {
    description:
      'Reads an emailed sign-up or reset link without using it up: whether it can still set a password, and for which account. An unknown token answers only INVALID and counts against the same per-client budget as a wrong token submitted.',
  })
  async emailLink(@Args() args: EmailLinkArgs, @Ctx() ctx: GraphQLContext): Promise<EmailLink> {
    const state = await this.auth.emailLink(args.token, args.purpose, { ip: ctx.ip });
    return state.valid
      ? { valid: true, email: state.email, reason: null }
      : { valid: false, email: null, reason: EmailLinkProblem[state.reason] };
  }

  @Mutation(() => AuthPayload, {
    description: 'Sets a new password with the emailed token; ends every session of the account and signs in anew.',
  })
  async resetPassword(@Args() args: SetPasswordArgs, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return toPayload(
      ctx,
      await this.auth.resetPassword(args.token, args.password, args.passwordConfirmation, origin(ctx)),
    );
  }
}
