import { Writable } from 'node:stream';
import { StdoutDestination } from './logger';

/** A pipe whose reader never reads: every write stays buffered until release() is called. */
function stalledPipe() {
  let reading = false;
  const pending: Array<() => void> = [];
  const out = new Writable({
    highWaterMark: 10,
    write(_chunk, _encoding, callback) {
      if (reading) callback();
      else pending.push(() => callback());
    },
  });
  const written: string[] = [];
  const originalWrite = out.write.bind(out);
  out.write = ((chunk: string) => {
    written.push(chunk);
    return originalWrite(chunk);
  }) as typeof out.write;
  const release = () => {
    reading = true;
    pending.splice(0).forEach((go) => go());
  };
  return { out, written, release };
}

describe('StdoutDestination', () => {
  it('buffers up to its bound while nobody reads, then drops and reports how many lines it dropped', async () => {
    const pipe = stalledPipe();
    const destination = new StdoutDestination(pipe.out, 100);
    for (let i = 0; i < 10; i += 1) destination.write(`${'x'.repeat(39)}\n`);
    expect(pipe.written).toHaveLength(3);
    const drained = new Promise((resolve) => pipe.out.once('drain', resolve));
    pipe.release();
    await drained;
    expect(JSON.parse(pipe.written[3])).toMatchObject({ event: 'log.dropped', dropped: 7 });
  });

  it('gives up flushing after its bound when the reader is stalled', async () => {
    const pipe = stalledPipe();
    const destination = new StdoutDestination(pipe.out);
    destination.write('a line\n');
    await expect(destination.flush(50)).resolves.toBeUndefined();
  });

  it('stops writing once the reader is gone, without throwing', async () => {
    const pipe = stalledPipe();
    const destination = new StdoutDestination(pipe.out);
    destination.write('first\n');
    pipe.out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    destination.write('second\n');
    expect(pipe.written).toEqual(['first\n']);
    await expect(destination.flush(60_000)).resolves.toBeUndefined();
  });
});
