import { AccountJourney1764140000000 } from './1764140000000-account-journey';
import { ConnectWise1764150000000 } from './1764150000000-connectwise';
import { QuickBooks1764160000000 } from './1764160000000-quickbooks';
import { DefaultConfigurations1764170000000 } from './1764170000000-default-configurations';
import { JobQueue1764180000000 } from './1764180000000-job-queue';
import { Imports1764190000000 } from './1764190000000-imports';
import { SignupProfiles1764220000000 } from './1764220000000-signup-profiles';
import { AsciiEmailDomains1764220000001 } from './1764220000001-ascii-email-domains';
import { ConnectionCheckLeases1764230000000 } from './1764230000000-connection-check-leases';
import { ConnectWiseVersion1764240000000 } from './1764240000000-connectwise-version';
import { HashKeyIds1764240000001 } from './1764240000001-hash-key-ids';
import { EmailOutbox1764250000000 } from './1764250000000-email-outbox';
import { Sessions1764330000000 } from './1764330000000-sessions';
import { SingleUseTokens1764400000000 } from './1764400000000-single-use-tokens';

/** Every migration, oldest first. */
export const migrations = [
  AccountJourney1764140000000,
  ConnectWise1764150000000,
  QuickBooks1764160000000,
  DefaultConfigurations1764170000000,
  JobQueue1764180000000,
  Imports1764190000000,
  SignupProfiles1764220000000,
  AsciiEmailDomains1764220000001,
  ConnectionCheckLeases1764230000000,
  ConnectWiseVersion1764240000000,
  HashKeyIds1764240000001,
  EmailOutbox1764250000000,
  Sessions1764330000000,
  SingleUseTokens1764400000000,
];
