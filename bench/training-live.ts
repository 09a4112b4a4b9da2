// `npm run bench training-live`: a live class quiz (issue 12, 随堂测试) with BENCH_PARTICIPANTS (500)
// participants answering one question at once. linli runs in its own process
// (bench/support/serve-linli.ts: SQLite file, or BENCH_DATABASE_URL for PostgreSQL, logging as in
// production); this process is the lecturer's screen (one SSE stream on the quiz) and the phones
// (HTTP keep-alive, BENCH_CONCURRENCY (50) answers in flight).
//
// Per run (a fresh quiz, BENCH_RUNS (5) runs): every participant joins, the lecturer opens the
// question, then all answers are sent as fast as the server takes them. Measured:
//   burst      first answer sent → last answer acknowledged (HTTP 200)
//   chart lag  last answer acknowledged → the lecturer's stream shows every answer (goal < 1 s)
// Baseline in the same run, before the burst: one lone answer → the stream shows it (the floor of
// the path answer → bus → hub load → frame on the lecturer's socket).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { BenchResult } from './run';
import { startChild, stopChild } from './support/child';
import { median, round } from './support/stats';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function call<T>(
  port: number,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...headers, ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** the lecturer's stream: applies snapshots and deltas, and tells waiters when `answered` reaches n */
class Lecturer {
  answered = 0;
  private view: Record<string, unknown> = {};
  private waiters: { n: number; resolve: (t: number) => void }[] = [];
  private req: http.ClientRequest | null = null;

  open(port: number, quizId: string, cookie: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = http.get(
        { host: '127.0.0.1', port, path: `/api/training/quizzes/${quizId}/events`, headers: { cookie, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let at = buffer.indexOf('\n\n');
            while (at >= 0) {
              const block = buffer.slice(0, at);
              buffer = buffer.slice(at + 2);
              at = buffer.indexOf('\n\n');
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (!data || !event) continue;
              const parsed = JSON.parse(data) as Record<string, unknown>;
              this.view = event === 'snapshot' ? parsed : { ...this.view, ...parsed };
              if (event === 'snapshot') resolve();
              this.answered = Number(this.view.answered ?? 0);
              const now = performance.now();
              const due = this.waiters.filter((w) => this.answered >= w.n);
              this.waiters = this.waiters.filter((w) => this.answered < w.n);
              for (const w of due) w.resolve(now);
            }
          });
        },
      );
      this.req.on('error', reject);
    });
  }

  /** resolves with the time the stream first showed at least n answers */
  until(n: number): Promise<number> {
    if (this.answered >= n) return Promise.resolve(performance.now());
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  close() {
    this.req?.destroy();
  }
}

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

export default async function trainingLiveBench(): Promise<BenchResult> {
  const { child, info } = await startChild<{ port: number; cookie: string }>('bench/support/serve-linli.ts', {
    BENCH_ACCOUNT: 'training',
    LINLI_LOG_LEVEL: process.env.LINLI_LOG_LEVEL ?? 'warn',
  });
  const { port, cookie } = info;
  try {
    const me = await call<{ csrfToken: string }>(port, 'GET', '/api/auth/me', undefined, { cookie });
    const staff = { cookie, 'x-csrf-token': me.body.csrfToken };
    const q = await call<{ id: string }>(
      port,
      'POST',
      '/api/training/questions',
      {
        kind: 'single',
        stem: '业主委员会每届任期最长不超过几年？',
        options: ['3 年', '5 年', '2 年', '10 年'].map((text, i) => ({ key: 'ABCD'[i], text })),
        answer: ['B'],
        explanation: '不超过五年',
        tags: ['换届改选'],
        difficulty: 1,
      },
      staff,
    );
    if (q.status !== 200) throw new Error(`question: ${JSON.stringify(q.body)}`);
    const q2 = await call<{ id: string }>(
      port,
      'POST',
      '/api/training/questions',
      {
        kind: 'true_false',
        stem: '业委会应当每年至少一次向业主大会报告工作。',
        options: [
          { key: 'T', text: '对' },
          { key: 'F', text: '错' },
        ],
        answer: ['T'],
        difficulty: 1,
      },
      staff,
    );

    const rows: (string | number)[][] = [];
    const lags: number[] = [];
    const floors: number[] = [];
    const bursts: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const quiz = await call<{ id: string; joinCode: string }>(
        port,
        'POST',
        '/api/training/quizzes',
        {
          title: `基准测试 ${run}`,
          mode: 'live',
          selection: 'fixed',
          questions: [
            { questionId: q2.body.id, points: 1 },
            { questionId: q.body.id, points: 1 },
          ],
        },
        staff,
      );
      const tokens: string[] = [];
      await pool(
        Array.from({ length: PARTICIPANTS + 1 }, (_, i) => i),
        CONCURRENCY,
        async (i) => {
          const j = await call<{ token: string }>(
            port,
            'POST',
            '/api/training/join',
            { code: quiz.body.joinCode, name: `主任${i}`, phone: `139${String(run * 1_000_000 + i).padStart(8, '0')}` },
            {},
          );
          if (j.status !== 200) throw new Error(`join: ${JSON.stringify(j.body)}`);
          tokens[i] = j.body.token;
        },
      );
      const lecturer = new Lecturer();
      await lecturer.open(port, quiz.body.id, cookie);
      // baseline: question 1 with one lone answer
      let version = 0;
      const step = async (action: string) => {
        const r = await call<{ version: number }>(port, 'POST', `/api/training/quizzes/${quiz.body.id}/live`, { action, version }, staff);
        if (r.status !== 200) throw new Error(`${action}: ${JSON.stringify(r.body)}`);
        version = r.body.version;
      };
      await step('open');
      await lecturer.until(0);
      const lone = tokens[PARTICIPANTS] as string;
      const t0 = performance.now();
      await call(port, 'POST', '/api/training/play/answer', { questionId: q2.body.id, choice: ['T'] }, { 'x-participant-token': lone });
      const floor = (await lecturer.until(1)) - t0;
      await step('close');
      // the measured question: every participant answers at once
      await step('open');
      await new Promise<void>((resolve) => {
        const wait = () => (lecturer.answered === 0 ? resolve() : setImmediate(wait));
        wait();
      });
      const choices = ['A', 'B', 'C', 'D'];
      const start = performance.now();
      let lastAck = 0;
      const done = lecturer.until(PARTICIPANTS);
      await pool(tokens.slice(0, PARTICIPANTS), CONCURRENCY, async (token) => {
        const r = await call(
          port,
          'POST',
          '/api/training/play/answer',
          { questionId: q.body.id, choice: [choices[token.charCodeAt(0) % 4]] },
          { 'x-participant-token': token },
        );
        if (r.status !== 200) throw new Error(`answer: ${JSON.stringify(r.body)}`);
        lastAck = Math.max(lastAck, performance.now());
      });
      const complete = await done;
      lecturer.close();
      const lag = Math.max(0, complete - lastAck);
      lags.push(lag);
      floors.push(floor);
      bursts.push(lastAck - start);
      rows.push([run, round(floor, 1), round(lastAck - start, 0), round((PARTICIPANTS * 1000) / (lastAck - start), 0), round(lag, 1)]);
    }
    const sorted = [...lags].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] as number;
    rows.push([
      'median',
      round(median(floors), 1),
      round(median(bursts), 0),
      round((PARTICIPANTS * 1000) / median(bursts), 0),
      round(median(lags), 1),
    ]);
    return {
      title: `Live quiz: ${PARTICIPANTS} participants answer one question; time until the lecturer's chart (SSE) has every answer`,
      columns: ['run', 'baseline: 1 answer → chart (ms)', 'burst: all answers acked (ms)', 'answers/s', 'chart lag after last ack (ms)'],
      rows,
      notes: [
        `chart lag p50 ${round(median(lags), 1)} ms, p99 (of ${RUNS} runs) ${round(p99, 1)} ms; goal < 1000 ms`,
        `database: ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite file'}; ${CONCURRENCY} answers in flight over keep-alive`,
      ],
      data: { lags, floors, bursts },
    };
  } finally {
    agent.destroy();
    await stopChild(child);
  }
}
