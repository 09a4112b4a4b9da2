import { Worker } from 'node:worker_threads';
import { encryptField, lookupHash } from './fields';

/** below this many values a batch is done on the spot: the trip to the worker would cost more */
const MIN_FOR_WORKER = 16;
/** an idle worker is stopped after this long (the next batch starts another) */
const IDLE_MS = 10_000;

const WORKER_URL = new URL('./field-worker.mjs', import.meta.url);

/**
 * Seals and hashes many sensitive values at once, in a worker thread when the batch is large
 * (an import's): the event loop stays free for requests and for checking the next rows while
 * OpenSSL works. Results are exactly what `encryptField` and `lookupHash` give. If the worker
 * cannot run, the same work is done on the spot.
 */
export class FieldSealer {
  #worker: Worker | null = null;
  #broken = false;
  #next = 0;
  readonly #waiting = new Map<number, { worker: Worker; resolve: (out: string[]) => void; reject: (e: Error) => void }>();
  #idle: NodeJS.Timeout | null = null;
  /** batches the worker has answered (the rest were done on the spot) */
  workerBatches = 0;

  constructor(private readonly keys: { field: Buffer; lookup: Buffer }) {}

  seal(values: readonly string[]): Promise<string[]> {
    return this.#run('seal', values);
  }

  hash(values: readonly string[]): Promise<string[]> {
    return this.#run('hash', values);
  }

  async #run(op: 'seal' | 'hash', values: readonly string[]): Promise<string[]> {
    if (values.length < MIN_FOR_WORKER || this.#broken) return this.#here(op, values);
    try {
      return await this.#inWorker(op, values);
    } catch {
      // the worker failed (out of memory, terminated): this batch and later ones are done here
      this.#broken = true;
      this.#stop();
      return this.#here(op, values);
    }
  }

  #here(op: 'seal' | 'hash', values: readonly string[]): string[] {
    return op === 'seal' ? values.map((v) => encryptField(this.keys.field, v)) : values.map((v) => lookupHash(this.keys.lookup, v));
  }

  #inWorker(op: 'seal' | 'hash', values: readonly string[]): Promise<string[]> {
    const worker = this.#start();
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const id = this.#next++;
    // referenced while it owes an answer: a process with nothing else to do waits for it
    worker.ref();
    return new Promise<string[]>((resolve, reject) => {
      this.#waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, op, values });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_URL, {
      workerData: { field: this.keys.field, lookup: this.keys.lookup },
      // plain JavaScript: no TypeScript loader, and no flags of the parent's but profiling
      execArgv: process.execArgv.filter((a) => /^--cpu-prof($|-(dir|name|interval)=)/.test(a)),
    });
    worker.on('message', (m: { id: number; out?: string[]; error?: string }) => {
      const w = this.#waiting.get(m.id);
      if (!w) return;
      this.#waiting.delete(m.id);
      if (m.out) {
        this.workerBatches++;
        w.resolve(m.out);
      } else w.reject(new Error(m.error ?? 'sealing failed'));
      if (this.#waiting.size === 0) {
        // an idle worker never keeps the process alive, and goes after a while
        worker.unref();
        this.#idle = setTimeout(() => this.#stop(), IDLE_MS).unref();
      }
    });
    const fail = (err: Error) => {
      for (const [id, w] of this.#waiting) {
        if (w.worker !== worker) continue;
        this.#waiting.delete(id);
        w.reject(err);
      }
      if (this.#worker === worker) this.#worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('sealing worker stopped')));
    this.#worker = worker;
    return worker;
  }

  #stop(): void {
    const w = this.#worker;
    this.#worker = null;
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (w) void w.terminate();
  }
}
