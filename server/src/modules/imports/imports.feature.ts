import { connectWiseFeature } from '../connectwise';
import { bindResolver, defineFeature } from '../feature';
import { quickBooksFeature } from '../quickbooks';
import { EntityMappingRecord } from './entity-mapping.entity';
import { ImportItemRecord } from './import-item.entity';
import { ImportLockRecord } from './import-lock.entity';
import { ImportRunRecord } from './import-run.entity';
import { ImportSettingsRecord } from './import-settings.entity';
import { ImportedDocumentRecord } from './imported-document.entity';
import { ImportResolver } from './import.resolver';
import { createImportsModule, type ImportsModule } from './imports.module';
import { quickBooksAccessFor } from './quickbooks-adapter';

/** Importing ConnectWise PSA invoices into QuickBooks Online (docs/imports.md). */
export const importsFeature = defineFeature<ImportsModule>({
  name: 'imports',
  entities: [
    ImportSettingsRecord,
    ImportRunRecord,
    ImportItemRecord,
    ImportedDocumentRecord,
    EntityMappingRecord,
    ImportLockRecord,
  ],
  resolvers: [ImportResolver],
  create: (host) => {
    const imports = createImportsModule({
      dataSource: host.dataSource,
      clock: host.clock,
      logger: host.logger,
      quickBooks: quickBooksAccessFor(host.use(quickBooksFeature).access),
      connectWise: host.use(connectWiseFeature).access,
      jobs: host.jobs,
      qboAppBaseUrl: host.config.intuit.qboAppBaseUrl,
      tuning: host.tuning.imports,
    });
    return {
      services: imports,
      resolvers: [bindResolver(ImportResolver, imports.resolver)],
      jobs: imports.handlers,
      start: () => imports.start(),
    };
  },
});
