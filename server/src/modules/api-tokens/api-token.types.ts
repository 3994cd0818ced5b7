import { IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { ApiToken } from './api-token.entity';

@ObjectType({ description: 'A new API token. `token` is shown this once: Mobius keeps only a hash of it.' })
export class CreatedApiToken {
  @Field({
    description: 'Send as `Authorization: Bearer <token>`. Read-only: queries only. Once revoked it answers HTTP 401.',
  })
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}

@ArgsType()
export class CreateApiTokenArgs {
  @Field({ description: 'What the token is for, e.g. "Uptime monitor" (1–50 characters).' })
  @IsString()
  name: string;
}

@ArgsType()
export class RevokeApiTokenArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id: string;
}
