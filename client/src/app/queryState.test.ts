import { queryState } from './queryState';

const failure = new Error('offline');

describe('queryState', () => {
  it('is loading only while there is nothing to show', () => {
    const refetch = () => Promise.resolve();
    expect(queryState({ data: undefined, loading: true, refetch }).loading).toBe(true);
    expect(queryState({ data: { items: [] }, loading: true, refetch }).loading).toBe(false);
  });

  it('shows an error only when there is no data to show instead', () => {
    const refetch = () => Promise.resolve();
    expect(queryState({ data: undefined, loading: false, error: failure, refetch }).error).toBe(failure);
    expect(queryState({ data: { items: [] }, loading: false, error: failure, refetch }).error).toBeUndefined();
  });

  it('retries without a promise that can reject', async () => {
    const refetch = jest.fn(() => Promise.reject(failure));
    expect(queryState({ data: undefined, loading: false, refetch }).refetch()).toBeUndefined();
    await Promise.resolve();
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
