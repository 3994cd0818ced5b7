export type { ConnectedCompany, QuickBooksAccess } from './quickbooks-access';
export { QuickBooksErrorCode } from './quickbooks-errors';
export { quickBooksFeature, type QuickBooksServices } from './quickbooks.feature';
export { ConfigurationIdArgs, type QuickBooksConfiguration } from './quickbooks.types';
/** Other features' tables may reference a configuration row (foreign keys). */
export { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
