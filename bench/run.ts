import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [name]`: runs bench/<name>.ts (every benchmark when no name is given). Each
 * exports a default async function that prints a table and writes bench/results/<name>.json.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const skip = new Set(['run.ts']);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !skip.has(f) && !f.includes('.child.') && !f.includes('.lib.'))
  .map((f) => f.replace(/\.ts$/, ''));
const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : all) {
  if (!all.includes(name)) throw new Error(`no benchmark bench/${name}.ts (have: ${all.join(', ')})`);
  console.log(`\n=== bench ${name} ===`);
  const mod = (await import(`./${name}.ts`)) as { default: () => Promise<void> };
  await mod.default();
}
