export type { ConnectedCompany, QuickBooksAccess } from './quickbooks-access';
export { quickBooksFeature, type QuickBooksServices } from './quickbooks.feature';
export type { QuickBooksConfiguration } from './quickbooks.types';
