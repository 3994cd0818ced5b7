import { AppLayout, ImportRunPage, LoginPage, SettingsPage, lazyPage, preloadPage } from './pages';

describe('lazyPage', () => {
  it('downloads a page once, however often it is preloaded', async () => {
    const Page = () => null;
    const load = jest.fn(() => Promise.resolve(Page));
    const page = lazyPage(load);

    await expect(page.preload()).resolves.toBe(Page);
    await expect(page.preload()).resolves.toBe(Page);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed download', async () => {
    const Page = () => null;
    const load = jest
      .fn<Promise<() => null>, []>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce(Page);
    const page = lazyPage(load);

    await expect(page.preload()).rejects.toThrow('offline');
    await expect(page.preload()).resolves.toBe(Page);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('preloadPage', () => {
  const spies = [AppLayout, ImportRunPage, LoginPage, SettingsPage].map((page) =>
    jest.spyOn(page, 'preload').mockResolvedValue(() => null),
  );
  const [layout, importRun, login, settings] = spies as [
    jest.SpyInstance,
    jest.SpyInstance,
    jest.SpyInstance,
    jest.SpyInstance,
  ];
  afterEach(() => spies.forEach((spy) => spy.mockClear()));
  afterAll(() => spies.forEach((spy) => spy.mockRestore()));

  it('fetches a signed-in page with the frame around it', () => {
    preloadPage('/quickbooks/qb1/import/runs/r7');
    expect(importRun).toHaveBeenCalledTimes(1);
    expect(layout).toHaveBeenCalledTimes(1);
    expect(settings).not.toHaveBeenCalled();
  });

  it('fetches a public page alone', () => {
    preloadPage('/login');
    expect(login).toHaveBeenCalledTimes(1);
    expect(layout).not.toHaveBeenCalled();
  });

  it('fetches nothing for an unknown address', () => {
    preloadPage('/no-such-page');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
