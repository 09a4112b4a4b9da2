import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The phone pages' JavaScript budget (DESIGN.md): ≤ 110 KiB gzipped for what a phone loads to
// show a page — per route of the phone router: mobile.html's entry chunk and every chunk it
// imports statically, plus the route's own lazy chunk and every chunk that one imports
// statically. Read from Vite's build manifest (build.manifest in vite.config.ts), not guessed.
const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist/web');
const manifestFile = path.join(dist, '.vite/manifest.json');
const BUDGET = 110 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, Chunk>;

/** a chunk's file and the files of every chunk it imports statically, transitively (what loading it loads) */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
  if (seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const k of chunk.imports ?? []) closure(manifest, k, seen);
  return seen;
}

interface PhoneRouteSource {
  path: string;
  /** the manifest key of the route's lazy page, or null when its page is in the entry */
  lazy: string | null;
}

/**
 * Every route of the phone router, read from its sources: the foundation table in
 * mobile/routes.ts (pages imported statically, so in the entry) and each module's
 * mobile/pages/<module>/routes.ts (pages behind React.lazy, each its own chunk).
 */
function phoneRoutes(): PhoneRouteSource[] {
  const web = path.join(root, 'src/web');
  const foundation = readFileSync(path.join(web, 'mobile/routes.ts'), 'utf8');
  const table = foundation.slice(foundation.indexOf('const foundation'), foundation.indexOf('];'));
  const routes: PhoneRouteSource[] = [...table.matchAll(/path:\s*'([^']+)'/g)].map((m) => ({ path: m[1] as string, lazy: null }));
  const pages = path.join(web, 'mobile/pages');
  for (const dir of readdirSync(pages, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const file = path.join(pages, dir.name, 'routes.ts');
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    const entries = [...code.matchAll(/path:\s*'([^']+)'\s*,\s*component:\s*([^}]+)\}/g)];
    expect(entries.length, `${file}: every route as { path: '…', component: lazy(() => import('./Page')) }`).toBe(
      [...code.matchAll(/path:\s*'/g)].length,
    );
    for (const [, routePath, component] of entries) {
      // lazy(() => import('./Page')) in place, or a name bound to one in the same file
      const name = component?.trim().match(/^([A-Za-z_$][\w$]*)\s*,?$/)?.[1];
      const bound = name
        ? code.match(new RegExp(`const\\s+${name}\\s*=\\s*lazy\\(\\s*\\(\\)\\s*=>\\s*import\\(\\s*'([^']+)'`))?.[1]
        : undefined;
      const target = component?.match(/import\(\s*'([^']+)'\s*\)/)?.[1] ?? bound;
      if (!target) {
        // imported statically: the page is part of the entry (the module's routes file is imported eagerly)
        routes.push({ path: routePath as string, lazy: null });
        continue;
      }
      const abs = path.resolve(path.dirname(file), target as string);
      const candidates = ['.tsx', '.ts', '/index.tsx'].map((ext) =>
        path
          .relative(web, abs + ext)
          .split(path.sep)
          .join('/'),
      );
      routes.push({ path: routePath as string, lazy: candidates.find((c) => existsSync(path.join(web, c))) ?? (candidates[0] as string) });
    }
  }
  return routes;
}

const gzipped = (file: string) => gzipSync(readFileSync(path.join(dist, file))).length;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

describe('phone bundle size', () => {
  it('loads ≤ 110 KiB of gzipped JavaScript for each phone route: entry, its static imports, the route’s lazy chunk and its imports', () => {
    expect(existsSync(manifestFile), 'build the web app first (npx vite build --config vite.config.ts): no build manifest').toBe(true);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('mobile.html'));
    expect(entryKey, 'mobile.html is an entry of the build').toBeTruthy();
    const entry = closure(manifest, entryKey as string);
    const routes = phoneRoutes();
    expect(routes.length).toBeGreaterThan(3);
    const report: string[] = [];
    const over: string[] = [];
    for (const route of routes) {
      const files = new Set(entry);
      if (route.lazy) {
        expect(manifest[route.lazy]?.isDynamicEntry, `${route.path}: ${route.lazy} is a lazy chunk of the build`).toBe(true);
        closure(manifest, route.lazy, files);
      }
      const total = [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipped(f), 0);
      report.push(`  ${route.path.padEnd(28)} ${kib(total).padStart(10)} in ${files.size} files`);
      if (total > BUDGET) over.push(`${route.path}: ${kib(total)} (${[...files].map((f) => `${f} ${kib(gzipped(f))}`).join(', ')})`);
    }
    console.log(`phone JS per route (gzipped, initial load):\n${report.join('\n')}`);
    expect(over, 'routes over the 110 KiB budget').toEqual([]);
  });

  it('does not pull in antd or the admin app, on any phone route or lazily later', () => {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry && k.endsWith('mobile.html')) as string;
    // everything mobile.html can reach, statically or lazily
    const seen = new Set<string>();
    const queue = [entryKey];
    while (queue.length > 0) {
      const key = queue.pop() as string;
      const chunk = manifest[key];
      if (!chunk || seen.has(chunk.file)) continue;
      seen.add(chunk.file);
      queue.push(...(chunk.imports ?? []), ...(chunk.dynamicImports ?? []));
    }
    expect(seen.size).toBeGreaterThan(0);
    for (const f of seen) {
      if (!f.endsWith('.js')) continue;
      expect(readFileSync(path.join(dist, f), 'utf8'), f).not.toMatch(/ant-btn|ant-layout/);
    }
  });
});
