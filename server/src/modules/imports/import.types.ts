import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  PARTIAL = 'PARTIAL',
  FAILED = 'FAILED',
}
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'QUEUED → RUNNING → SUCCEEDED (all imported or skipped), PARTIAL (some failed) or FAILED.',
});

export enum ImportTrigger {
  USER = 'USER',
  AUTOSYNC = 'AUTOSYNC',
  RETRY = 'RETRY',
}
registerEnumType(ImportTrigger, {
  name: 'ImportTrigger',
  description: 'What started a run: a person, AutoSync, or "Retry failed".',
});

export enum ImportExportState {
  OFF = 'OFF',
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  NOTHING = 'NOTHING',
}
registerEnumType(ImportExportState, {
  name: 'ImportExportState',
  description:
    'Marking the imported invoices as exported in ConnectWise PSA: OFF (setting off), PENDING, DONE, FAILED, or NOTHING (no invoice succeeded).',
});

export const AUTOSYNC_CHOICES = [0, 30, 60, 120] as const;

@ObjectType({ description: 'A ConnectWise PSA invoice that is ready to be exported (unposted).' })
export class PsaInvoice {
  @Field(() => ID, { description: 'The unposted invoice id in ConnectWise PSA.' })
  id: string;

  @Field()
  invoiceNumber: string;

  @Field()
  companyName: string;

  @Field(() => ID, { description: 'The PSA company (client) id, for filtering.' })
  companyId: string;

  @Field({ description: 'Invoice date, YYYY-MM-DD.' })
  date: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate: string | null;

  @Field({ description: 'Standard, Agreement, CreditMemo, DownPayment, Miscellaneous, Progress.' })
  type: string;

  @Field(() => Float, { description: 'In the invoice currency; totalCents is exact.' })
  total: number;

  @Field(() => Int)
  totalCents: number;

  @Field(() => String, { nullable: true })
  currency: string | null;

  @Field({ description: 'Already imported into this configuration’s QuickBooks company.' })
  imported: boolean;

  @Field(() => String, { nullable: true, description: 'Opens the imported document in QuickBooks Online.' })
  qboUrl: string | null;
}

@ObjectType({ description: 'What happened to one invoice of a run.' })
export class ImportResult {
  @Field(() => ID)
  psaInvoiceId: string;

  @Field()
  invoiceNumber: string;

  @Field()
  companyName: string;

  @Field()
  type: string;

  @Field(() => Float)
  total: number;

  @Field(() => Int)
  totalCents: number;

  @Field(() => String, { nullable: true, description: 'ISO currency code of the invoice.' })
  currency: string | null;

  @Field({ description: 'PENDING (not done yet), SUCCEEDED, FAILED or SKIPPED (already imported).' })
  status: string;

  @Field(() => String, { nullable: true, description: 'The QuickBooks Online document id (Invoice or CreditMemo).' })
  qboInvoiceId: string | null;

  @Field(() => String, { nullable: true, description: 'Invoice or CreditMemo.' })
  qboDocumentType: string | null;

  @Field(() => String, { nullable: true, description: 'Opens the document in QuickBooks Online.' })
  qboUrl: string | null;

  @Field(() => String, { nullable: true, description: 'QuickBooks Online’s own message when it refused, or why.' })
  message: string | null;

  @Field(() => String, { nullable: true, description: 'What to do about a failure.' })
  hint: string | null;
}

@ObjectType({ description: 'One import of invoices into one QuickBooks Online company.' })
export class ImportRun {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  configurationId: string;

  @Field(() => ImportStatus)
  status: ImportStatus;

  @Field(() => ImportTrigger)
  trigger: ImportTrigger;

  @Field(() => String, { nullable: true, description: 'The email of the person who started it (null for AutoSync).' })
  requestedBy: string | null;

  @Field(() => ID, { nullable: true, description: 'The run whose failed invoices this run retries.' })
  retryOfRunId: string | null;

  @Field({ description: 'False until the run has listed its invoices; total is meaningful once true.' })
  planned: boolean;

  @Field(() => Int, { description: 'Invoices in the run (known once planned).' })
  total: number;

  @Field(() => Int, { description: 'succeeded + failed + skipped.' })
  done: number;

  @Field(() => Int)
  succeeded: number;

  @Field(() => Int)
  failed: number;

  @Field(() => Int, { description: 'Already imported before, so not imported again.' })
  skipped: number;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field()
  markExported: boolean;

  @Field(() => ImportExportState)
  exportState: ImportExportState;

  @Field(() => String, { nullable: true })
  exportMessage: string | null;
}

@ObjectType({ description: 'A configuration’s mappings and AutoSync, checked before every run.' })
export class ImportSettings {
  @Field(() => ID)
  configurationId: string;

  @Field(() => String, {
    nullable: true,
    description: 'The QuickBooks income account of items Mobius creates; null = "Services" (else the first one).',
  })
  incomeAccountId: string | null;

  @Field({ description: 'QuickBooks tax code of taxable lines (default TAX).' })
  taxableTaxCode: string;

  @Field({ description: 'QuickBooks tax code of non-taxable lines (default NON).' })
  nonTaxableTaxCode: string;

  @Field({ description: 'Customer names get the PSA account number, e.g. "Acme Dental Group (C1001)".' })
  appendAccountNumber: boolean;

  @Field({ description: 'After a run, close a ConnectWise accounting batch of the imported invoices.' })
  markExported: boolean;

  @Field(() => Int, { description: '0 (off), 30, 60 or 120 minutes.' })
  autoSyncMinutes: number;

  @Field(() => Date, { nullable: true })
  lastAutoSyncAt: Date | null;

  @Field(() => Date, { nullable: true })
  nextAutoSyncAt: Date | null;
}

@ObjectType({ description: 'A QuickBooks Online account or tax code a mapping can point to.' })
export class QuickBooksOption {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;
}

@ObjectType()
export class ImportMappingOptions {
  @Field(() => [QuickBooksOption], { description: 'Active Income accounts of the QuickBooks company.' })
  incomeAccounts: QuickBooksOption[];

  @Field(() => [QuickBooksOption], { description: 'Active tax codes of the QuickBooks company.' })
  taxCodes: QuickBooksOption[];
}

@ObjectType({ description: 'The dashboard’s line for one configuration.' })
export class ImportSummary {
  @Field(() => ID)
  configurationId: string;

  @Field(() => ImportRun, { nullable: true, description: 'The newest run.' })
  lastRun: ImportRun | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Unposted invoices not yet imported into this company; null when it could not be counted.',
  })
  waiting: number | null;

  @Field(() => String, { nullable: true, description: 'Why waiting is null.' })
  waitingMessage: string | null;
}

const ID_SHAPE = /^[A-Za-z0-9-]{1,64}$/;

@ArgsType()
export class StartImportArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  configurationId: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'PSA unposted invoice ids (at most 5,000); null imports every unposted invoice.',
  })
  @IsOptional()
  @ArrayMaxSize(5000, { message: 'Import at most 5,000 invoices at once.' })
  @IsString({ each: true })
  @Matches(/^\d{1,15}$/, { each: true, message: 'invoiceIds must be ConnectWise PSA invoice ids (digits).' })
  invoiceIds?: string[] | null;
}

@ArgsType()
export class RunIdArgs {
  @Field(() => ID)
  @IsString()
  @Matches(ID_SHAPE, { message: 'Not an import run id.' })
  runId: string;
}

@ArgsType()
export class ImportRunsArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  configurationId: string;

  @Field(() => Int, { nullable: true, description: 'Newest first; default 20, at most 100.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number | null;
}

@ArgsType()
export class ImportResultsArgs {
  @Field(() => String, { nullable: true, description: 'Only PENDING, SUCCEEDED, FAILED or SKIPPED.' })
  @IsOptional()
  @IsIn(['PENDING', 'SUCCEEDED', 'FAILED', 'SKIPPED'], {
    message: 'status must be PENDING, SUCCEEDED, FAILED or SKIPPED.',
  })
  status?: string | null;

  @Field(() => Int, { nullable: true, description: 'At most this many, in the run’s order (default and max 5,000).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number | null;
}

@InputType()
export class ImportSettingsInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(100)
  configurationId: string;

  @Field(() => String, { nullable: true, description: 'A QuickBooks Income account id; null = the default.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'Choose an income account from the list.' })
  incomeAccountId?: string | null;

  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'Choose a tax code for taxable lines from the list.' })
  taxableTaxCode: string;

  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,32}$/, { message: 'Choose a tax code for non-taxable lines from the list.' })
  nonTaxableTaxCode: string;

  @Field()
  @IsBoolean()
  appendAccountNumber: boolean;

  @Field()
  @IsBoolean()
  markExported: boolean;

  @Field(() => Int, { description: '0 (off), 30, 60 or 120.' })
  @IsInt()
  @IsIn([...AUTOSYNC_CHOICES], { message: 'AutoSync runs every 30, 60 or 120 minutes, or is off (0).' })
  autoSyncMinutes: number;
}
