import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rules on imports (docs/architecture.md): no module imports another module, core
 * imports no module, the web imports no server code, contracts import neither. Read from the
 * source itself, so a violation fails CI.
 */
const root = path.resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx|mjs)$/.test(name) ? [p] : [];
  });
}

/** every relative import of a file, resolved to a path below the repository */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);
  return specs.map((s) => path.relative(root, path.resolve(path.dirname(file), s)));
}

const moduleOf = (rel: string) => rel.match(/^src\/server\/modules\/([^/]+)\//)?.[1];

function violations(): string[] {
  const out: string[] = [];
  for (const file of files(path.join(root, 'src'))) {
    const from = path.relative(root, file);
    for (const to of importsOf(file)) {
      const fromModule = moduleOf(from);
      const toModule = moduleOf(to);
      if (from.startsWith('src/server/core/') && toModule) out.push(`core → module: ${from} imports ${to}`);
      if (fromModule && toModule && fromModule !== toModule) out.push(`module → module: ${from} imports ${to}`);
      if (from.startsWith('src/web/') && to.startsWith('src/server/')) out.push(`web → server: ${from} imports ${to}`);
      if (from.startsWith('src/contracts/') && (to.startsWith('src/server/') || to.startsWith('src/web/'))) {
        out.push(`contracts → app: ${from} imports ${to}`);
      }
    }
  }
  return out;
}

describe('layering', () => {
  it('no module imports another, core imports no module, the web no server code', () => {
    expect(violations()).toEqual([]);
  });

  it('sees a violation when there is one (the reader is not blind)', () => {
    const care = path.join(root, 'src/server/modules/care/care.module.ts');
    expect(importsOf(care).some((p) => p.startsWith('src/server/core/'))).toBe(true);
    expect(moduleOf('src/server/modules/care/x.ts')).toBe('care');
  });
});
