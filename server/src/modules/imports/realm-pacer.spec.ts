import { RealmPacer } from './realm-pacer';

// Lower bounds measured from a moment taken before the first call: a busy machine can only make a
// stamp later, never earlier, so these hold however loaded the machine is.
describe('RealmPacer', () => {
  it('spaces batch requests at least the batch interval apart', async () => {
    const pacer = new RealmPacer({ requestIntervalMs: 5, batchIntervalMs: 60 });
    const start = Date.now();
    const elapsed: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      await pacer.batch();
      elapsed.push(Date.now() - start);
    }
    elapsed.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(i * 55));
  });

  it('counts a batch against the request budget too', async () => {
    const pacer = new RealmPacer({ requestIntervalMs: 80, batchIntervalMs: 5 });
    const start = Date.now();
    await pacer.batch();
    await pacer.request();
    expect(Date.now() - start).toBeGreaterThanOrEqual(75);
  });
});
