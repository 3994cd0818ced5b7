import { IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { ConnectionStatus } from '../../graphql/connection-status';

// simpleResolvers: plain data read on the status hot path, with no field middleware (docs/performance.md §3).
@ObjectType({
  description:
    'One QuickBooks Online company of the account. Every account has a "Default" one; "Add New Company" adds more.',
  simpleResolvers: true,
})
export class QuickBooksConfiguration {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The "Default" configuration cannot be renamed or deleted.' })
  isDefault: boolean;

  @Field(() => String, { nullable: true, description: 'The QuickBooks Online company id; null until connected.' })
  realmId: string | null;

  @Field(() => String, { nullable: true, description: 'As QuickBooks Online reports it (CompanyInfo).' })
  companyName: string | null;

  @Field(() => ConnectionStatus, {
    description:
      'Read from the database (kept current in the background and by checkQuickBooksConnection); never calls Intuit.',
  })
  connectionStatus: ConnectionStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Why the connection is in its state, for a person (e.g. why it was lost). Separate from the flash message.',
  })
  statusReason: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Machine-readable reason from a fixed set: INVALID_GRANT, RECONNECT_DEADLINE, QBO_UNAUTHORIZED, QBO_FORBIDDEN, DECRYPTION_FAILED, INTUIT_UNAVAILABLE, INTUIT_BAD_RESPONSE, INTUIT_INVALID_CLIENT, QBO_THROTTLED.',
  })
  lastErrorCode: string | null;

  @Field(() => Date, { nullable: true, description: 'When this company was connected (authorized at Intuit).' })
  connectedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When QuickBooks Online last answered a check successfully.' })
  lastSuccessAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType({
  description: 'What the dashboard and partner tooling read: every connection of the account, from the database.',
  simpleResolvers: true,
})
export class AccountConnectionStatus {
  @Field(() => ConnectionStatus)
  connectWise: ConnectionStatus;

  @Field(() => [QuickBooksConfiguration])
  quickBooks: QuickBooksConfiguration[];
}

@ObjectType()
export class QuickBooksAuthorization {
  @Field({
    description:
      "Intuit's sign-in and company picker. Send the browser there; Intuit returns it to /oauth/quickbooks/callback, which redirects to /quickbooks/<id>?connected=1 or ?error=<CODE>.",
  })
  authorizationUrl: string;
}

@ArgsType()
export class ConfigurationIdArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  configurationId: string;
}

@ArgsType()
export class AddCompanyArgs {
  @Field({ description: 'Trimmed, 1–50 characters, unique in the account (case-insensitive).' })
  @IsString()
  name: string;
}

@ArgsType()
export class RenameCompanyArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id: string;

  @Field({ description: 'Trimmed, 1–50 characters, unique in the account (case-insensitive).' })
  @IsString()
  name: string;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  id: string;
}
