import { QuickBooksConfigurationDocument } from '../generated/graphql';
import { quickBooksConfiguration } from '../test/fixtures';
import { createCache } from './apolloClient';

describe('createCache', () => {
  const query = QuickBooksConfigurationDocument;
  const variables = { id: 'qb2' };

  it('reads an evicted QuickBooks configuration as gone (null) rather than missing, so nothing asks again', () => {
    const cache = createCache();
    const config = quickBooksConfiguration({ id: 'qb2', name: 'West Coast LLC', isDefault: false });
    cache.writeQuery({ query, variables, data: { quickBooksConfiguration: config } });
    expect(cache.readQuery({ query, variables })?.quickBooksConfiguration?.name).toBe('West Coast LLC');

    cache.evict({ id: cache.identify(config) });
    cache.gc();

    const diff = cache.diff({ query, variables, optimistic: false, returnPartialData: false });
    expect(diff.complete).toBe(true);
    expect(diff.result).toEqual({ quickBooksConfiguration: null });
  });

  it('still asks the server for a configuration it never had', () => {
    const diff = createCache().diff({ query, variables, optimistic: false, returnPartialData: false });
    expect(diff.complete).toBe(false);
  });
});
