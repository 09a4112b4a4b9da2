import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from './child';

export interface Probe {
  latencies: number[];
  failures: number;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

/** Runs bench/support/probe.ts (another process) on `url` while `during` runs; resolves with what both saw. */
export async function probed<T>(url: string, during: () => Promise<T>, opts: { cookie?: string; intervalMs?: number } = {}) {
  const args = ['--import', 'tsx', 'bench/support/probe.ts', url, String(opts.intervalMs ?? 20), ...(opts.cookie ? [opts.cookie] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  await lines.next(); // ready
  const result = await during();
  child.kill('SIGTERM');
  const last = await lines.next();
  await stopChild(child);
  return { probe: JSON.parse(last.value as string) as Probe, result };
}
