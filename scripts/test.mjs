#!/usr/bin/env node
// The whole suite, as `npm test` runs it: typecheck, lint, unit tests, integration tests on
// SQLite and on PostgreSQL (a throwaway cluster), the web build, and the browser tests.
// Ends with one line `tests: N passed, N failed` summed over every vitest run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
const out = 'test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const steps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '--error-on-warnings', '.'] },
  { name: 'unit', vitest: ['--project', 'unit'] },
  { name: 'sqlite', vitest: ['--project', 'integration'], env: { LINLI_TEST_DB: 'sqlite' } },
  { name: 'postgres', vitest: ['--project', 'integration'], env: { LINLI_TEST_DB: 'postgres' } },
  { name: 'build', cmd: ['npx', 'vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'] },
  { name: 'e2e', vitest: ['--project', 'e2e'] },
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = Date.now();
  const json = `${out}/${step.name}.json`;
  const cmd = step.vitest
    ? ['npx', 'vitest', 'run', ...step.vitest, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
    : step.cmd;
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (step.vitest && existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // a test file that failed to load counts too
    failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  }
  if (r.status !== 0) failedSteps.push(step.name);
  console.log(`=== ${step.name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
console.log(`\nfailed steps: ${failedSteps.join(', ') || 'none'}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
