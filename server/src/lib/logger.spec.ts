import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger, errorSerializer, maskQuotedValues, StdoutDestination } from './logger';
import { DomainError, ErrorCode } from './errors';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

/** What mysql2 raises for a duplicate key: the driver's message quotes the value. */
function mysqlDuplicate(): Error {
  const driver = Object.assign(new Error("Duplicate entry 'victim@example.com' for key 'IDX_accounts_email'"), {
    code: 'ER_DUP_ENTRY',
    errno: 1062,
    sqlState: '23000',
    sqlMessage: "Duplicate entry 'victim@example.com' for key 'IDX_accounts_email'",
    sql: "INSERT INTO `accounts`(`email`, `password_hash`) VALUES ('victim@example.com', '$2b$12$SECRETHASH')",
  });
  return new QueryFailedError(
    'INSERT INTO `accounts`(`email`, `password_hash`) VALUES (?, ?)',
    ['victim@example.com', '$2b$12$SECRETHASH'],
    driver,
  );
}

describe('the logger and failed queries', () => {
  it('logs a failed query with its driver code but without its SQL text, parameters or quoted values', () => {
    const { logger, lines } = capture();
    logger.error({ err: mysqlDuplicate(), event: 'x' }, 'query failed');
    const line = lines.join('');
    expect(line).not.toContain('victim@example.com');
    expect(line).not.toContain('SECRETHASH');
    expect(line).not.toContain('INSERT INTO');
    const entry = JSON.parse(line) as { err: Record<string, unknown> };
    expect(entry.err).toMatchObject({
      type: 'QueryFailedError',
      code: 'ER_DUP_ENTRY',
      query: '[redacted]',
      parameters: '[redacted]',
      sql: '[redacted]',
      sqlMessage: '[redacted]',
      message: "Duplicate entry '?' for key '?'",
    });
    expect(String(entry.err.stack)).toContain('QueryFailedError');
  });

  it('redacts a failed query wrapped as the cause of another error', () => {
    const { logger, lines } = capture();
    const wrapped = new DomainError(ErrorCode.INTERNAL_SERVER_ERROR, 'saving failed', { cause: mysqlDuplicate() });
    logger.error({ err: wrapped }, 'wrapped');
    const line = lines.join('');
    expect(line).not.toContain('victim@example.com');
    expect(line).not.toContain('SECRETHASH');
    expect(line).toContain('saving failed');
  });

  it('leaves ordinary errors as they are', () => {
    const serialized = errorSerializer(new Error('connect ECONNREFUSED 127.0.0.1:3306 "quoted"')) as {
      message: string;
    };
    expect(serialized.message).toBe('connect ECONNREFUSED 127.0.0.1:3306 "quoted"');
  });

  it('masks single- and double-quoted literals, escapes included', () => {
    expect(maskQuotedValues(`a 'b\\'c' d "e\\"f" g`)).toBe(`a '?' d "?" g`);
  });
});

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
