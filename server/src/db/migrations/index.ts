import { AccountJourney1764140000000 } from './1764140000000-account-journey';
import { ConnectWise1764150000000 } from './1764150000000-connectwise';
import { QuickBooks1764160000000 } from './1764160000000-quickbooks';
import { DefaultConfigurations1764170000000 } from './1764170000000-default-configurations';
import { JobQueue1764180000000 } from './1764180000000-job-queue';
import { Imports1764190000000 } from './1764190000000-imports';
import { EmailOutbox1764250000000 } from './1764250000000-email-outbox';

/** Every migration, oldest first. */
export const migrations = [
  AccountJourney1764140000000,
  ConnectWise1764150000000,
  QuickBooks1764160000000,
  DefaultConfigurations1764170000000,
  JobQueue1764180000000,
  Imports1764190000000,
  EmailOutbox1764250000000,
];
