import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Account } from '../account/account.entity';

@ObjectType({ description: 'A signed-in session. Browsers also receive it as an httpOnly cookie.' })
export class AuthPayload {
  @Field({ description: 'Session token for `Authorization: Bearer` (API clients).' })
  token: string;

  @Field(() => Account)
  account: Account;
}

@ArgsType()
export class SignupArgs {
  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  companyName?: string | null;
}

@ArgsType()
export class SetPasswordArgs {
  @Field({ description: 'The token from the emailed link.' })
  token: string;

  @Field()
  password: string;

  @Field()
  passwordConfirmation: string;
}

@ArgsType()
export class LoginArgs {
  @Field()
  email: string;

  @Field()
  password: string;
}

@ArgsType()
export class EmailArgs {
  @Field()
  email: string;
}
