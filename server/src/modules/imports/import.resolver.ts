import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { ConfigurationIdArgs } from '../quickbooks';
import type { ImportSettingsService } from './import-settings.service';
import type { ImportService } from './import.service';
import {
  ImportMappingOptions,
  ImportResult,
  ImportResultsArgs,
  ImportRun,
  ImportRunsArgs,
  ImportSettings,
  ImportSettingsInput,
  ImportSummary,
  PsaInvoice,
  RunIdArgs,
  StartImportArgs,
} from './import.types';

const accountOf = (ctx: GraphQLContext) => ctx.account as NonNullable<GraphQLContext['account']>;

@Resolver(() => ImportRun)
export class ImportResolver {
  constructor(
    private readonly imports: ImportService,
    private readonly settings: ImportSettingsService,
  ) {}

  @Authorized()
  @Query(() => [PsaInvoice], {
    description:
      'The ConnectWise PSA invoices ready to be exported (unposted, every page), each marked with whether it is already in this configuration’s QuickBooks company.',
  })
  unpostedInvoices(@Args() args: ConfigurationIdArgs, @Ctx() ctx: GraphQLContext): Promise<PsaInvoice[]> {
    return this.imports.unpostedInvoices(accountOf(ctx).id, args.configurationId);
  }

  @Authorized()
  @Query(() => ImportRun, { nullable: true, description: 'One run of the signed-in account; poll it for progress.' })
  importRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ImportRun | null> {
    return this.imports.run(accountOf(ctx).id, id);
  }

  @Authorized()
  @Query(() => [ImportRun], { description: 'The configuration’s runs, newest first.' })
  importRuns(@Args() args: ImportRunsArgs, @Ctx() ctx: GraphQLContext): Promise<ImportRun[]> {
    return this.imports.runs(accountOf(ctx).id, args.configurationId, args.limit ?? 20);
  }

  @Authorized()
  @Query(() => [ImportSummary], { description: 'Per configuration: the last run and the invoices waiting.' })
  importSummaries(@Ctx() ctx: GraphQLContext): Promise<ImportSummary[]> {
    return this.imports.summaries(accountOf(ctx).id);
  }

  @Authorized()
  @Query(() => ImportSettings, { description: 'The configuration’s mappings and AutoSync (defaults until saved).' })
  importSettings(@Args() args: ConfigurationIdArgs, @Ctx() ctx: GraphQLContext): Promise<ImportSettings> {
    return this.settings.get(accountOf(ctx).id, args.configurationId);
  }

  @Authorized()
  @Query(() => ImportMappingOptions, {
    description: 'The QuickBooks company’s Income accounts and tax codes, read from QuickBooks Online now.',
  })
  importMappingOptions(@Args() args: ConfigurationIdArgs, @Ctx() ctx: GraphQLContext): Promise<ImportMappingOptions> {
    return this.settings.mappingOptions(accountOf(ctx).id, args.configurationId);
  }

  @FieldResolver(() => [ImportResult], { description: 'Per invoice, in the run’s order.' })
  results(@Root() run: ImportRun, @Args() args: ImportResultsArgs): Promise<ImportResult[]> {
    return this.imports.results(run, args);
  }

  @Authorized()
  @Mutation(() => ImportRun, {
    description:
      'Queues an import of these unposted invoices (null: all of them) into the configuration’s QuickBooks company. One run per company at a time.',
  })
  startImport(@Args() args: StartImportArgs, @Ctx() ctx: GraphQLContext): Promise<ImportRun> {
    const account = accountOf(ctx);
    return this.imports.startImport(
      { accountId: account.id, email: account.email },
      args.configurationId,
      args.invoiceIds,
    );
  }

  @Authorized()
  @Mutation(() => ImportRun, { description: '"Retry failed": a new run of the failed invoices of a finished run.' })
  retryFailedImport(@Args() args: RunIdArgs, @Ctx() ctx: GraphQLContext): Promise<ImportRun> {
    const account = accountOf(ctx);
    return this.imports.retryFailed({ accountId: account.id, email: account.email }, args.runId);
  }

  @Authorized()
  @Mutation(() => ImportSettings, {
    description: 'Saves the mappings and AutoSync, after checking them against the QuickBooks company.',
  })
  saveImportSettings(
    @Arg('input', () => ImportSettingsInput) input: ImportSettingsInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportSettings> {
    return this.settings.save(accountOf(ctx).id, input);
  }
}
