import http from 'node:http';

// Another client beside the load: asks GET <url> (with a cookie when given) one request at a time, every INTERVAL ms, on
// its own keep-alive connection, and on SIGTERM prints what it saw as one JSON line.
// usage: probe.ts <url> [interval ms] [cookie]
const url = new URL(process.argv[2] as string);
const INTERVAL = Number(process.argv[3] ?? 20);
const cookie = process.argv[4];
const TIMEOUT = 10_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const latencies: number[] = [];
let failures = 0;
let stopping = false;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, timeout: TIMEOUT, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) latencies.push(performance.now() - t0);
        else failures++;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      failures++;
      resolve();
    });
  });
}

console.log(JSON.stringify({ ready: true }));
process.once('SIGTERM', () => {
  stopping = true;
});
while (!stopping) {
  const t0 = performance.now();
  await once();
  const wait = INTERVAL - (performance.now() - t0);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
console.log(JSON.stringify({ latencies, failures }));
agent.destroy();
