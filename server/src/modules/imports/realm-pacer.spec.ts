import { RealmPacer } from './realm-pacer';

describe('RealmPacer', () => {
  it('spaces batch requests at least the batch interval apart', async () => {
    const pacer = new RealmPacer({ requestIntervalMs: 5, batchIntervalMs: 60 });
    const stamps: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await pacer.batch();
      stamps.push(Date.now());
    }
    const gaps = stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(55);
  });

  it('counts a batch against the request budget too', async () => {
    const pacer = new RealmPacer({ requestIntervalMs: 80, batchIntervalMs: 5 });
    await pacer.batch();
    const before = Date.now();
    await pacer.request();
    expect(Date.now() - before).toBeGreaterThanOrEqual(70);
  });
});
