import { IsOptional, IsString } from 'class-validator';
import { ArgsType, Field, InputType } from 'type-graphql';

@InputType({
  description: 'The profile on the Account settings page. A field left out stays as it is; null or blank clears it.',
})
export class UpdateProfileInput {
  @IsOptional()
  @IsString()
  @Field(() => String, { nullable: true, description: 'Your name: at most 100 characters.' })
  name?: string | null;

  @IsOptional()
  @IsString()
  @Field(() => String, { nullable: true, description: 'Company name: at most 100 characters.' })
  companyName?: string | null;
}

@ArgsType()
export class ChangePasswordArgs {
  @IsString()
  @Field({ description: 'The password the account has now.' })
  currentPassword: string;

  @IsString()
  @Field({ description: 'The new password, under the sign-up policy (docs/accounts.md §3) and not the current one.' })
  newPassword: string;
}
