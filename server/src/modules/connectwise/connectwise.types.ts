import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionStatus } from '../../graphql/connection-status';

@InputType({ description: 'ConnectWise PSA API-member credentials, validated live before anything is stored.' })
export class ConnectWiseInput {
  @Field({
    description:
      'e.g. na.myconnectwise.net, eu.myconnectwise.net or a self-hosted host name. An https:// address pasted from the browser bar is reduced to its host (its path and query are dropped).',
  })
  @IsString()
  // A whole address from the browser bar may be long; only its host is kept (MAX_SITE_INPUT_LENGTH).
  @MaxLength(2048, { message: 'The site is too long; enter only the host name, like na.myconnectwise.net.' })
  site: string;

  @Field({ description: 'The company ID you enter when logging in to ConnectWise PSA.' })
  @IsString()
  @MaxLength(100, { message: 'The Company ID can be at most 100 characters.' })
  companyId: string;

  @Field()
  @IsString()
  @MaxLength(256, { message: 'The Public Key can be at most 256 characters: copy it again from ConnectWise PSA.' })
  publicKey: string;

  @Field({ description: 'Stored encrypted; never returned.' })
  @IsString()
  @MaxLength(256, { message: 'The Private Key can be at most 256 characters: copy it again from ConnectWise PSA.' })
  privateKey: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Your Mobius password. Required to replace a saved connection (any save once one exists); not for the first one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'The current password is incorrect.' })
  currentPassword?: string | null;
}

@ArgsType()
export class DisconnectConnectWiseArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Your Mobius password. Required when a connection exists (disconnecting it could otherwise be a first step to replacing it without the password).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'The current password is incorrect.' })
  currentPassword?: string | null;
}

@ObjectType({ description: "The account's ConnectWise PSA connection. The private key is never returned." })
export class ConnectWiseConnection {
  @Field(() => ID)
  id: string;

  @Field()
  site: string;

  @Field()
  companyId: string;

  @Field()
  publicKey: string;

  @Field({ description: 'The last 4 characters of the private key.' })
  privateKeyHint: string;

  @Field({ description: 'The company name ConnectWise PSA reports.' })
  companyName: string;

  @Field({ description: 'The ConnectWise PSA codebase (version path), e.g. v2025_1/.' })
  codebase: string;

  @Field(() => ConnectionStatus)
  status: ConnectionStatus;

  @Field({ description: 'When these credentials last passed a live validation.' })
  validatedAt: Date;
}
