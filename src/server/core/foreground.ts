import type { Server } from 'node:http';

/** the longest background work waits for requests before taking one more step anyway */
const GIVE_WAY_MS = 25;
/** a request still open after this long is counted no more (a stream opened without `Accept: text/event-stream`) */
const COUNTED_MS = 10_000;

const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/**
 * The requests being answered, so that long work on the main thread (an import's commit) lets
 * them finish first. Taking turns alone is not enough: a GET takes several steps (session,
 * count, page), each waiting behind one step of the import, so with the import always ready it
 * took 45–100 ms. Now the import steps aside while any request is open, for at most GIVE_WAY_MS
 * each time, so it still moves under a steady load. Event streams are not counted: they stay
 * open for hours.
 */
export class Foreground {
  #active = 0;
  readonly #waiting = new Set<() => void>();

  /** counts the requests `server` answers; `app.inject` requests (tests) are not counted */
  track(server: Server): void {
    server.on('request', (req, res) => {
      if (req.headers.accept?.includes('text/event-stream')) return;
      this.#active++;
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        clearTimeout(limit);
        this.#leave();
      };
      const limit = setTimeout(done, COUNTED_MS).unref();
      res.once('close', done);
    });
  }

  get active(): number {
    return this.#active;
  }

  /** a turn of the event loop; then, while requests are open, until they are done or GIVE_WAY_MS has passed */
  async giveWay(): Promise<void> {
    await yieldToLoop();
    if (this.#active === 0) return;
    await new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        this.#waiting.delete(go);
        resolve();
      };
      const timer = setTimeout(go, GIVE_WAY_MS);
      this.#waiting.add(go);
    });
  }

  #leave(): void {
    this.#active--;
    if (this.#active > 0) return;
    for (const go of [...this.#waiting]) go();
  }
}
