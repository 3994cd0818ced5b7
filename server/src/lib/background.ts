import type { Logger } from './logger';

/**
 * Work that must not delay or shape an HTTP answer (e.g. emails, whose presence would reveal
 * whether an account exists). Failures are logged, never thrown; idle() lets shutdown and tests wait.
 */
export class BackgroundTasks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<void>): void {
    const promise = Promise.resolve()
      .then(task)
      .catch((error: unknown) => {
        this.logger.error({ task: name, err: error }, 'background task failed');
      })
      .finally(() => {
        this.pending.delete(promise);
      });
    this.pending.add(promise);
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
