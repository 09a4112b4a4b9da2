import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Starts a TypeScript script in its own process; resolves with the first JSON line it prints. */
export function startChild<T>(script: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    // the first JSON line that is not a log line (pino's carry a level)
    const onLine = (line: string) => {
      if (!line.startsWith('{')) return;
      const info = JSON.parse(line) as T & { level?: unknown };
      if (info.level !== undefined) return;
      rl.off('line', onLine);
      resolve({ child, info });
    };
    rl.on('line', onLine);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
