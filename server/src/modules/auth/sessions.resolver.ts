import { Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { forbidden } from '../../lib/errors';
import type { CurrentSession, SessionsService } from './sessions.service';
import { Session, SignOutSessionArgs } from './sessions.types';

/** Sessions are seen and ended from a signed-in session: an API token cannot list or end them. */
function currentSession(ctx: GraphQLContext): CurrentSession {
  if (ctx.principal !== 'session' || !ctx.account || !ctx.sessionId) {
    throw forbidden('Sessions are managed from a signed-in session.');
  }
  return { account: ctx.account, sessionId: ctx.sessionId };
}

@Resolver()
export class SessionsResolver {
  constructor(private readonly service: SessionsService) {}

  @Authorized()
  @Query(() => [Session], {
    description: 'The account’s signed-in sessions, this one first, then the most recently seen.',
  })
  sessions(@Ctx() ctx: GraphQLContext): Promise<Session[]> {
    return this.service.list(currentSession(ctx));
  }

  @Authorized()
  @Mutation(() => [Session], {
    description:
      'Signs one session of the account out at once (its next request is signed out); returns the sessions left. ' +
      'Naming this session is the same as logout.',
  })
  async signOutSession(@Args() args: SignOutSessionArgs, @Ctx() ctx: GraphQLContext): Promise<Session[]> {
    const current = currentSession(ctx);
    await this.service.signOut(current, args.id);
    if (args.id === current.sessionId) {
      ctx.clearSession();
      return [];
    }
    return this.service.list(current);
  }

  @Authorized()
  @Mutation(() => [Session], {
    description: 'Signs out every other session of the account and keeps this one; returns the sessions left.',
  })
  async signOutOtherSessions(@Ctx() ctx: GraphQLContext): Promise<Session[]> {
    const current = currentSession(ctx);
    await this.service.signOutOthers(current);
    return this.service.list(current);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Signs out every session of the account, this one included (its cookie is cleared): each has to log in again. ' +
      'API tokens are not sessions and keep working.',
  })
  async signOutEverywhere(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.service.signOutEverywhere(currentSession(ctx));
    ctx.clearSession();
    return true;
  }
}
