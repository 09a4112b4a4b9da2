import Fastify from 'fastify';

// the baseline: a bare Fastify hello-world in a process of its own
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 }));
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
