#!/usr/bin/env node
// The whole suite, as `npm test` runs it: typecheck, lint, unit tests, integration tests on
// SQLite and on PostgreSQL (a throwaway cluster), the web build, the browser tests on SQLite and
// the main browser journeys again on PostgreSQL.
// Ends with one line `tests: N passed, N failed` summed over every vitest run.
//
//   node scripts/test.mjs [step …]       only these steps (names below), e.g. `build e2e e2e-pg`
//   LINLI_TEST_SERIAL=1 node scripts/…   every step on its own, one after another
//
// Steps that share a `together` name run at the same time (the machine has 2 cores and one
// vitest integration run keeps only one busy); their output is held and printed whole, step by
// step, so it reads as if they had run in turn.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
const serial = !!process.env.LINLI_TEST_SERIAL;
const out = 'test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The browser journeys that also run on PostgreSQL: every one that stores data. (lighthouse and
// phone-bundle measure pages and bundles, which do not depend on the database.)
const PG_JOURNEYS = [
  'e2e/foundation.e2e.test.ts',
  'e2e/people.e2e.test.ts',
  'e2e/care.e2e.test.ts',
  'e2e/security-audit.e2e.test.ts',
  'e2e/notify.e2e.test.ts',
  'e2e/mobile-login.e2e.test.ts',
  'e2e/home.e2e.test.ts',
  'e2e/care-fixes.e2e.test.ts',
  'e2e/care-delivery.e2e.test.ts',
  'e2e/jobs.e2e.test.ts',
  'e2e/jobs-fairday.e2e.test.ts',
  'e2e/jobs-interviewer.e2e.test.ts',
  'e2e/training.e2e.test.ts',
  'e2e/party.e2e.test.ts',
];

const allSteps = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '--error-on-warnings', '.'] },
  { name: 'unit', vitest: ['--project', 'unit'] },
  { name: 'sqlite', vitest: ['--project', 'integration'], env: { LINLI_TEST_DB: 'sqlite' }, together: 'integration' },
  { name: 'postgres', vitest: ['--project', 'integration'], env: { LINLI_TEST_DB: 'postgres' }, together: 'integration' },
  { name: 'build', cmd: ['npx', 'vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'] },
  // the browser runs one after the other: two Chromiums and two servers on 2 cores made steps miss their 10 s timeouts
  { name: 'e2e', vitest: ['--project', 'e2e'], env: { LINLI_TEST_DB: 'sqlite' } },
  { name: 'e2e-pg', vitest: ['--project', 'e2e', ...PG_JOURNEYS], env: { LINLI_TEST_DB: 'postgres' } },
];
const unknown = only.filter((n) => !allSteps.some((s) => s.name === n));
if (unknown.length > 0) {
  console.error(`unknown step(s): ${unknown.join(', ')}; steps are ${allSteps.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const steps = allSteps.filter((s) => only.length === 0 || only.includes(s.name));

// consecutive steps with the same `together` name form one batch
const batches = [];
for (const step of steps) {
  const last = batches.at(-1);
  if (!serial && step.together && last?.[0].together === step.together) last.push(step);
  else batches.push([step]);
}

let passed = 0;
let failed = 0;
const failedSteps = [];
const times = [];

function command(step) {
  const json = `${out}/${step.name}.json`;
  const cmd = step.vitest
    ? ['npx', 'vitest', 'run', ...step.vitest, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]
    : step.cmd;
  return { cmd, json };
}

/** Runs one step; with `hold`, its output is collected and handed back instead of shown as it comes. */
function run(step, hold) {
  const { cmd, json } = command(step);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), {
      stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...step.env },
    });
    const chunks = [];
    if (hold) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.on('error', (err) => chunks.push(Buffer.from(`${err.message}\n`)));
    child.on('close', (code) => resolve({ step, json, code, seconds: (Date.now() - started) / 1000, output: Buffer.concat(chunks) }));
  });
}

function record({ step, json, code, seconds }) {
  if (step.vitest && existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // a test file that failed to load counts too
    failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  }
  if (code !== 0) failedSteps.push(step.name);
  times.push(`${step.name} ${seconds.toFixed(1)} s`);
  console.log(`=== ${step.name}: ${code === 0 ? 'ok' : 'FAILED'} (${seconds.toFixed(1)} s)`);
}

const suiteStarted = Date.now();
for (const batch of batches) {
  if (batch.length === 1) {
    console.log(`\n=== ${batch[0].name} ===`);
    record(await run(batch[0], false));
    continue;
  }
  const names = batch.map((s) => s.name).join(' + ');
  console.log(`\n=== ${names}: running together, each one's output follows when it ends ===`);
  const started = Date.now();
  // printed in the order they finish, each as one block
  await Promise.all(
    batch.map((step) =>
      run(step, true).then((result) => {
        console.log(`\n=== ${step.name} ===`);
        process.stdout.write(result.output);
        record(result);
      }),
    ),
  );
  console.log(`=== ${names}: ${((Date.now() - started) / 1000).toFixed(1)} s together`);
}
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
console.log(`\nstep times: ${times.join(', ')}; in all ${((Date.now() - suiteStarted) / 1000).toFixed(1)} s`);
console.log(`failed steps: ${failedSteps.join(', ') || 'none'}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 ? 1 : 0);
