import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server';

// DESIGN.md: the phone pages score ≥ 90 for performance in Lighthouse's mobile run. Lighthouse's
// default mobile settings (Moto G Power screen, slow 4G and 4× CPU, *simulated* from the page's
// own trace) make the score a property of the page — its bytes, requests and main-thread work —
// rather than of the machine running the test. The full report goes to test-results/lighthouse/.
const root = path.resolve(import.meta.dirname, '..');
const OUT = path.join(root, 'test-results/lighthouse');
const PAGES = ['/m/login'];

describe('Lighthouse, phone pages (mobile form factor, default throttling)', () => {
  let server: TestServer;
  let chrome: chromeLauncher.LaunchedChrome;

  beforeAll(async () => {
    server = await startServer();
    chrome = await chromeLauncher.launch({
      chromePath: process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium',
      chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      // chrome-launcher's own defaults, minus extensions and sync; nothing here reaches beyond localhost
      logLevel: 'error',
    });
  });

  afterAll(async () => {
    chrome?.kill();
    await server?.stop();
  });

  for (const page of PAGES) {
    it(`scores ≥ 90 for performance and accessibility on ${page}`, async () => {
      const result = await lighthouse(
        `${server.url}${page}`,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
        // the default config is the mobile one; said out loud so nobody has to know that
        { extends: 'lighthouse:default', settings: { formFactor: 'mobile', throttlingMethod: 'simulate' } },
      );
      if (!result) throw new Error('Lighthouse returned no result');
      const { lhr } = result;
      mkdirSync(OUT, { recursive: true });
      writeFileSync(path.join(OUT, `${page.replace(/\W+/g, '_').replace(/^_/, '')}.json`), JSON.stringify(lhr, null, 1));
      const score = (id: string) => lhr.categories[id]?.score ?? 0;
      const audit = (id: string) => lhr.audits[id];
      const summary = {
        performance: score('performance'),
        accessibility: score('accessibility'),
        fcp: audit('first-contentful-paint')?.displayValue,
        lcp: audit('largest-contentful-paint')?.displayValue,
        tbt: audit('total-blocking-time')?.displayValue,
        cls: audit('cumulative-layout-shift')?.displayValue,
        si: audit('speed-index')?.displayValue,
        bytes: audit('total-byte-weight')?.displayValue,
      };
      console.log(`Lighthouse ${page}: ${JSON.stringify(summary)}`);
      expect(lhr.runtimeError, lhr.runtimeError?.message).toBeUndefined();
      const failedA11y = Object.values(lhr.audits)
        .filter((a) => a.score === 0 && lhr.categories.accessibility?.auditRefs.some((r) => r.id === a.id))
        .map((a) => a.id);
      expect(score('accessibility'), `failed accessibility audits: ${failedA11y.join(', ')}`).toBeGreaterThanOrEqual(0.9);
      // the parts of the score the page controls directly, which no machine load can move
      expect(audit('uses-text-compression')?.score, 'assets are sent compressed').toBe(1);
      expect(audit('uses-long-cache-ttl')?.score, 'hashed assets are cached for long').toBe(1);
      expect(score('performance'), JSON.stringify(summary)).toBeGreaterThanOrEqual(0.9);
    });
  }
});
