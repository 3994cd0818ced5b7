import { IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A signed-in browser or API client of the account (docs/security.md, "Sessions").' })
export class Session {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The browser and system from its User-Agent, e.g. "Chrome on macOS", or "Unknown device".' })
  device: string;

  @Field(() => String, { nullable: true })
  browser: string | null;

  @Field(() => String, { nullable: true, description: 'The operating system, e.g. "Windows" or "iOS".' })
  os: string | null;

  @Field({ description: 'The address it signed in from, as the server saw it (behind the configured proxies).' })
  ip: string;

  @Field()
  createdAt: Date;

  @Field({ description: 'When it last made a request; updated at most every 5 minutes.' })
  lastSeenAt: Date;

  @Field()
  expiresAt: Date;

  @Field({ description: 'True for the session making this request.' })
  current: boolean;
}

@ArgsType()
export class SignOutSessionArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id: string;
}
