import { AccountJourney1764140000000 } from './1764140000000-account-journey';

/** Every migration, oldest first. */
export const migrations = [AccountJourney1764140000000];
