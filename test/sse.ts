import http from 'node:http';

export interface SseMessage {
  id: string | null;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the stream sent
  data: any;
}

/**
 * A server-sent-events client over a real HTTP connection (what EventSource does, minus the
 * automatic reconnect): collects every message; tests wait on what they expect, never on time.
 */
export class SseStream {
  readonly messages: SseMessage[] = [];
  comments = 0;
  ended = false;
  private buffer = '';
  private readonly watchers = new Set<() => void>();

  private constructor(
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    private readonly req: http.ClientRequest,
    res: http.IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    const end = () => {
      this.ended = true;
      this.notify();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  }

  /** opens `url` with the session cookie (and a Last-Event-ID to resume from); resolves on the response headers */
  static open(url: string, opts: { cookie?: string; lastEventId?: string } = {}): Promise<SseStream> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (opts.cookie) headers.cookie = `linli_sid=${opts.cookie}`;
      if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
      const req = http.get(url, { headers, agent: false }, (res) => resolve(new SseStream(res.statusCode ?? 0, res.headers, req, res)));
      req.on('error', reject);
    });
  }

  /** the last id received */
  get lastId(): string | null {
    for (let i = this.messages.length - 1; i >= 0; i--) if (this.messages[i]?.id) return this.messages[i]?.id ?? null;
    return null;
  }

  /** resolves once `n` messages have arrived (rejects if the stream ends first) */
  count(n: number): Promise<SseMessage[]> {
    return this.until(() => this.messages.length >= n, `${n} messages`).then(() => this.messages.slice(0, n));
  }

  /** resolves once `n` comment lines (keep-alives) have arrived */
  keepAlives(n: number): Promise<void> {
    return this.until(() => this.comments >= n, `${n} keep-alives`);
  }

  /** resolves when the server has ended the stream */
  end(): Promise<void> {
    return this.until(() => this.ended, 'the end', true);
  }

  close(): void {
    this.req.destroy();
  }

  private until(done: () => boolean, what: string, endOk = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (done()) {
          this.watchers.delete(check);
          resolve();
        } else if (this.ended && !endOk) {
          this.watchers.delete(check);
          reject(new Error(`stream ended before ${what}; got ${JSON.stringify(this.messages.map((m) => m.event))}`));
        }
      };
      this.watchers.add(check);
      check();
    });
  }

  private notify(): void {
    for (const w of [...this.watchers]) w();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let at = this.buffer.indexOf('\n\n');
    while (at >= 0) {
      const block = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      at = this.buffer.indexOf('\n\n');
      let id: string | null = null;
      let event = 'message';
      const data: string[] = [];
      let comment = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comment = true;
        else if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) this.messages.push({ id, event, data: JSON.parse(data.join('\n')) });
      else if (comment) this.comments++;
    }
    this.notify();
  }
}

/** applies snapshots and deltas in order, as the admin page does */
// biome-ignore lint/suspicious/noExplicitAny: any view
export function applyAll(messages: SseMessage[], start: any = null): any {
  let view = start;
  for (const m of messages) {
    if (m.event === 'snapshot') view = m.data;
    else if (m.event === 'delta') view = { ...view, ...m.data };
  }
  return view;
}
