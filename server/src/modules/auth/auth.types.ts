import { IsOptional, IsString } from 'class-validator';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Account } from '../account';

@ObjectType({ description: 'A signed-in session. Browsers also receive it as an httpOnly cookie.' })
export class AuthPayload {
  @Field({ description: 'Session token for `Authorization: Bearer` (API clients).' })
  token: string;

  @Field(() => Account)
  account: Account;
}

@ArgsType()
export class SignupArgs {
  @IsString()
  @Field()
  email: string;

  @IsOptional()
  @IsString()
  @Field(() => String, { nullable: true })
  name?: string | null;

  @IsOptional()
  @IsString()
  @Field(() => String, { nullable: true })
  companyName?: string | null;
}

@ArgsType()
export class SetPasswordArgs {
  @IsString()
  @Field({ description: 'The token from the emailed link.' })
  token: string;

  @IsString()
  @Field()
  password: string;

  @IsString()
  @Field()
  passwordConfirmation: string;
}

@ArgsType()
export class LoginArgs {
  @IsString()
  @Field()
  email: string;

  @IsString()
  @Field()
  password: string;
}

@ArgsType()
export class EmailArgs {
  @IsString()
  @Field()
  email: string;
}
