import { Account } from '../modules/account/account.entity';
import { EmailToken } from '../modules/auth/email-token.entity';
import { ConnectWiseConnectionRecord } from '../modules/connectwise/connectwise-connection.entity';
import { ApiToken } from '../modules/api-tokens/api-token.entity';
import { QuickBooksConfigurationRecord } from '../modules/quickbooks/quickbooks-configuration.entity';
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
  QueueJobRecord,
  QueueScheduleRecord,
];
