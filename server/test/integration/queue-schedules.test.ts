import type { JobContext } from '../../src/queue';
import { createQueueBackend, EventLog, queueBackends, type QueueBackend } from '../support/queues';

/** Schedules: repeat, never fire twice for one period across processes, re-upsert, removal. */

interface Tick {
  queue: string;
  data: unknown;
  startedAt: number;
  endedAt?: number;
}

const PERIOD_MS = 400;

describe.each(queueBackends)('job queue schedules, %s', (kind) => {
  let backend: QueueBackend;
  let ticks: EventLog<Tick>;
  let running: number;
  let maxRunning: number;

  beforeEach(async () => {
    backend = await createQueueBackend(kind);
    ticks = new EventLog<Tick>();
    running = 0;
    maxRunning = 0;
  });
  afterEach(async () => {
    await backend?.destroy();
  });

  const tick = (queue: string) => async (data: unknown, _context: JobContext) => {
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    const entry: Tick = { queue, data, startedAt: Date.now() };
    ticks.push(entry);
    await new Promise((resolve) => setTimeout(resolve, 50));
    entry.endedAt = Date.now();
    running -= 1;
  };

  it('fires every period, once per period, though two processes hold the same schedule', async () => {
    const first = await backend.open();
    const second = await backend.open();
    await first.work({ tick: tick('first') }, { concurrency: 2 });
    await second.work({ tick: tick('second') }, { concurrency: 2 });
    // Both processes upsert at start-up, as every instance of the app would.
    await first.upsertSchedule('checker', PERIOD_MS, 'tick', { scope: 'all' });
    await second.upsertSchedule('checker', PERIOD_MS, 'tick', { scope: 'all' });
    await ticks.until((items) => items.length >= 5, 'five ticks');
    expect(maxRunning).toBe(1);
    const starts = ticks.items.map((t) => t.startedAt);
    for (let i = 1; i < starts.length; i += 1) {
      // Two firings of one period would start together; consecutive periods are PERIOD_MS apart.
      expect(starts[i] - starts[i - 1]).toBeGreaterThan(PERIOD_MS / 2);
    }
    expect(ticks.items.every((t) => JSON.stringify(t.data) === '{"scope":"all"}')).toBe(true);
  });

  it('takes a new period and new data when upserted again', async () => {
    const queue = await backend.open();
    await queue.work({ tick: tick('q'), tock: tick('q') });
    await queue.upsertSchedule('sync:config-1', 3_600_000, 'tick', { v: 1 });
    await queue.upsertSchedule('sync:config-1', 200, 'tock', { v: 2 });
    await ticks.until((items) => items.length >= 2, 'two runs at the new period');
    expect(ticks.items.map((t) => t.data)).toEqual([{ v: 2 }, { v: 2 }]);
  });

  it('stops firing once removed', async () => {
    const queue = await backend.open();
    await queue.work({ tick: tick('q'), witness: tick('witness') });
    await queue.upsertSchedule('sync:config-2', 200, 'tick', {});
    await ticks.until((items) => items.length >= 1, 'the first run');
    await queue.removeSchedule('sync:config-2');
    const removedAt = Date.now();
    // "Never again" cannot be awaited; a witness can: a schedule of the same period, added after the removal, fires
    // four times, so the removed one had four periods in which it would have fired too.
    await queue.upsertSchedule('witness', 200, 'witness', {});
    await ticks.until((items) => items.filter((t) => t.queue === 'witness').length >= 4, 'four witness runs');
    expect(ticks.items.filter((t) => t.queue === 'q' && t.startedAt > removedAt)).toEqual([]);
  });
});
