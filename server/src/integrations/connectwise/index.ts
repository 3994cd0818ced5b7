export * from './amounts';
export * from './connectwise-client';
export { normalizeSite, formatSite, siteOrigin, isPrivateAddress, assertPublicHost } from './connectwise-site';
export type { NormalizedSite, NormalizeSiteOptions, HostLookup } from './connectwise-site';
export type { FetchLike, Sleep } from './connectwise-http';
export * from './errors';
export { parseLinkHeader } from './link-header';
export * from './mappers';
export * from './types';
