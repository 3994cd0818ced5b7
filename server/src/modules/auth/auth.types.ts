import { IsEnum, IsOptional, IsString } from 'class-validator';
import { ArgsType, Field, ObjectType, registerEnumType } from 'type-graphql';
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

export enum EmailLinkPurpose {
  VERIFY = 'verify',
  RESET = 'reset',
}

registerEnumType(EmailLinkPurpose, {
  name: 'EmailLinkPurpose',
  description: 'VERIFY: the sign-up link (/verify-email) that sets the first password; RESET: a password reset link.',
});

export enum EmailLinkProblem {
  EXPIRED = 'EXPIRED',
  USED = 'USED',
  INVALID = 'INVALID',
}

registerEnumType(EmailLinkProblem, {
  name: 'EmailLinkProblem',
  description:
    'Why an emailed link cannot be used. EXPIRED: its time is up; USED: it was used, or a newer link or a password set since voided it; INVALID: no such link (mistyped, cut short, or of the other purpose).',
});

@ObjectType({
  description:
    'What an emailed link is, read without using it up (opening a link changes nothing; only setting the password uses it).',
})
export class EmailLink {
  @Field({ description: 'The link can set a password now.' })
  valid: boolean;

  @Field(() => String, { nullable: true, description: 'The account the link is for; only when the link is valid.' })
  email: string | null;

  @Field(() => EmailLinkProblem, { nullable: true, description: 'Why the link cannot be used; null when valid.' })
  reason: EmailLinkProblem | null;
}

@ArgsType()
export class EmailLinkArgs {
  @IsString()
  @Field({ description: 'The token from the emailed link.' })
  token: string;

  @IsEnum(EmailLinkPurpose)
  @Field(() => EmailLinkPurpose)
  purpose: EmailLinkPurpose;
}
