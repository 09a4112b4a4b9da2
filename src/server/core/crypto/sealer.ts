import { Worker } from 'node:worker_threads';
import { encryptField, lookupHash } from './fields';

/** below this many values a batch is done on the spot: the trip to the worker would cost more */
const MIN_FOR_WORKER = 16;
/** an idle worker is stopped after this long (the next batch starts another) */
const IDLE_MS = 10_000;

const WORKER_URL = new URL('./field-worker.mjs', import.meta.url);

export interface SealJob {
  hash: readonly string[];
  seal: readonly string[];
}

export interface SealResult {
  /** in the order of `hash` */
  hashes: string[];
  /** in the order of `seal` */
  sealed: string[];
}

/**
 * Values cross to the worker as one string, not an array: copying thousands of short strings
 * one by one cost the main thread more than the sealing saved. NUL never occurs in the values
 * sealed (ID numbers, phones, names) nor in what comes back (hex, base64); a value holding one
 * goes as an array.
 */
type Packed = string | readonly string[];
const SEP = '\u0000';
const pack = (values: readonly string[]): Packed =>
  values.length === 0 ? [] : values.some((v) => v.includes(SEP)) ? values : values.join(SEP);
const unpack = (p: Packed): string[] => (typeof p === 'string' ? p.split(SEP) : [...p]);

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
  readonly #waiting = new Map<number, { worker: Worker; resolve: (out: SealResult) => void; reject: (e: Error) => void }>();
  #idle: NodeJS.Timeout | null = null;
  /** batches the worker has answered (the rest were done on the spot) */
  workerBatches = 0;

  constructor(private readonly keys: { field: Buffer; lookup: Buffer }) {}

  async seal(values: readonly string[]): Promise<string[]> {
    return (await this.run({ hash: [], seal: values })).sealed;
  }

  async hash(values: readonly string[]): Promise<string[]> {
    return (await this.run({ hash: values, seal: [] })).hashes;
  }

  /** hashes and seals in one trip to the worker: what an import needs for a batch of rows */
  async run(job: SealJob): Promise<SealResult> {
    if (job.hash.length + job.seal.length < MIN_FOR_WORKER || this.#broken) return this.#here(job);
    try {
      return await this.#inWorker(job);
    } catch {
      // the worker failed (out of memory, terminated): this batch and later ones are done here
      this.#broken = true;
      this.#stop();
      return this.#here(job);
    }
  }

  #here(job: SealJob): SealResult {
    return {
      hashes: job.hash.map((v) => lookupHash(this.keys.lookup, v)),
      sealed: job.seal.map((v) => encryptField(this.keys.field, v)),
    };
  }

  #inWorker(job: SealJob): Promise<SealResult> {
    const worker = this.#start();
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const id = this.#next++;
    // referenced while it owes an answer: a process with nothing else to do waits for it
    worker.ref();
    return new Promise<SealResult>((resolve, reject) => {
      this.#waiting.set(id, { worker, resolve, reject });
      worker.postMessage({ id, hash: pack(job.hash), seal: pack(job.seal) });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_URL, {
      workerData: { field: this.keys.field, lookup: this.keys.lookup },
      // plain JavaScript: no TypeScript loader, and no flags of the parent's but profiling
      execArgv: process.execArgv.filter((a) => /^--cpu-prof($|-(dir|name|interval)=)/.test(a)),
    });
    worker.on('message', (m: { id: number; hashes?: Packed; sealed?: Packed; error?: string }) => {
      const w = this.#waiting.get(m.id);
      if (!w) return;
      this.#waiting.delete(m.id);
      if (m.hashes !== undefined && m.sealed !== undefined) {
        this.workerBatches++;
        w.resolve({ hashes: unpack(m.hashes), sealed: unpack(m.sealed) });
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
