import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The phone pages' JavaScript budget (DESIGN.md): ≤ 110 KiB gzipped, counting every script
// reachable from mobile.html — the entry, what it imports, and what it may load later.
const dist = path.resolve(import.meta.dirname, '../dist/web');
const BUDGET = 110 * 1024;

function scriptsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
}

/** Every chunk a chunk names (static imports, dynamic imports, preload lists): `./x-hash.js` or `assets/x-hash.js`. */
function importsOf(code: string): string[] {
  return [...code.matchAll(/["'`](?:\.\/|\/?assets\/)([\w.-]+\.js)["'`]/g)].map((m) => `assets/${m[1]}`);
}

function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(readFileSync(path.join(dist, file), 'utf8')));
  }
  return seen;
}

describe('phone bundle size', () => {
  it('stays within 110 KiB of gzipped JavaScript', () => {
    const html = path.join(dist, 'mobile.html');
    expect(existsSync(html), 'build the web app first: node scripts/test.mjs build e2e').toBe(true);
    const files = reachable(scriptsOf(readFileSync(html, 'utf8')));
    expect(files.size).toBeGreaterThan(0);
    const sizes = [...files].map((f) => ({ file: f, gzip: gzipSync(readFileSync(path.join(dist, f))).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(
      `phone JS: ${(total / 1024).toFixed(1)} KiB gzipped in ${files.size} files\n${sizes.map((s) => `  ${s.file} ${(s.gzip / 1024).toFixed(1)} KiB`).join('\n')}`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it('does not pull in antd or the admin app', () => {
    const files = reachable(scriptsOf(readFileSync(path.join(dist, 'mobile.html'), 'utf8')));
    for (const f of files) {
      const code = readFileSync(path.join(dist, f), 'utf8');
      expect(code, f).not.toMatch(/ant-btn|ant-layout/);
    }
  });
});
