import { Account } from '../modules/account/account.entity';
import { EmailToken } from '../modules/auth/email-token.entity';
import { ConnectWiseConnectionRecord } from '../modules/connectwise/connectwise-connection.entity';
import { ApiToken } from '../modules/api-tokens/api-token.entity';
import { QuickBooksConfigurationRecord } from '../modules/quickbooks/quickbooks-configuration.entity';
import { EntityMappingRecord } from '../modules/imports/entity-mapping.entity';
import { ImportItemRecord } from '../modules/imports/import-item.entity';
import { ImportLockRecord } from '../modules/imports/import-lock.entity';
import { ImportRunRecord } from '../modules/imports/import-run.entity';
import { ImportSettingsRecord } from '../modules/imports/import-settings.entity';
import { ImportedDocumentRecord } from '../modules/imports/imported-document.entity';
import { QuickBooksOAuthState } from '../modules/quickbooks/quickbooks-oauth-state.entity';
import { QueueJobRecord } from '../queue/queue-job.entity';
import { QueueScheduleRecord } from '../queue/queue-schedule.entity';

export const entities = [
  Account,
  EmailToken,
  ConnectWiseConnectionRecord,
  QuickBooksConfigurationRecord,
  QuickBooksOAuthState,
  ApiToken,
  ImportSettingsRecord,
  ImportRunRecord,
  ImportItemRecord,
  ImportedDocumentRecord,
  EntityMappingRecord,
  ImportLockRecord,
  QueueJobRecord,
  QueueScheduleRecord,
];
