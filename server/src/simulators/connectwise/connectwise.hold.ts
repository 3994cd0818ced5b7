import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * A switch for races: API requests of one member (or of every member) wait unanswered until released, so a
 * test can hold a client mid-call, do something else, then let ConnectWise answer — with whatever the simulator's
 * state is at release time (keys revoked meanwhile are refused then, as a slow ConnectWise would).
 */

export interface HoldFilter {
  /** Hold only requests authenticated (Basic `companyId+publicKey:…`) with this public key. */
  publicKey?: string;
}

export class RequestHold {
  private filter: HoldFilter | null = null;
  private waiting: Array<() => void> = [];
  private watchers: Array<{ count: number; resolve: () => void }> = [];

  hold(filter: HoldFilter = {}): void {
    this.filter = { ...filter };
  }

  held(): number {
    return this.waiting.length;
  }

  /** Resolves once `count` requests are being held. */
  whenHeld(count = 1): Promise<void> {
    if (this.waiting.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ count, resolve }));
  }

  /** Lets every held request go on and stops holding. */
  release(): void {
    this.filter = null;
    const waiting = this.waiting;
    this.waiting = [];
    for (const proceed of waiting) proceed();
  }

  /** Express middleware for the API paths (`/{codebase}/apis/3.0/...`). */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.filter || !/\/apis\/3\.0(\/|$)/.test(req.path) || !this.matches(req)) {
        next();
        return;
      }
      let done = false;
      const entry = () => {
        if (done) return;
        done = true;
        res.off('close', onClose);
        next();
      };
      // A caller that gave up (timeout) is no longer held.
      const onClose = () => {
        done = true;
        this.waiting = this.waiting.filter((waiting) => waiting !== entry);
      };
      res.once('close', onClose);
      this.waiting.push(entry);
      this.notify();
    };
  }

  private matches(req: Request): boolean {
    const wanted = this.filter?.publicKey;
    if (wanted === undefined) return true;
    const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.get('authorization') ?? '');
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const user = decoded.slice(0, Math.max(0, decoded.indexOf(':')));
    return user.slice(user.indexOf('+') + 1) === wanted;
  }

  private notify(): void {
    const ready = this.watchers.filter((watcher) => this.waiting.length >= watcher.count);
    this.watchers = this.watchers.filter((watcher) => this.waiting.length < watcher.count);
    for (const watcher of ready) watcher.resolve();
  }
}
