import { AccountJourney1764140000000 } from './1764140000000-account-journey';
import { ConnectWise1764150000000 } from './1764150000000-connectwise';
import { QuickBooks1764160000000 } from './1764160000000-quickbooks';
import { DefaultConfigurations1764170000000 } from './1764170000000-default-configurations';

/** Every migration, oldest first. */
export const migrations = [
  AccountJourney1764140000000,
  ConnectWise1764150000000,
  QuickBooks1764160000000,
  DefaultConfigurations1764170000000,
];
