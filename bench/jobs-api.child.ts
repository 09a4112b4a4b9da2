import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { systemActor } from '../src/server/core/access/actor';
import { deriveKeys } from '../src/server/core/crypto/keys';
import { allPermissions } from '../src/server/core/modules/install';
import { migrateToLatest, openDatabase } from '../src/server/db/index';
import { allMigrations } from '../src/server/modules/index';
import { jobsModule } from '../src/server/modules/jobs/jobs.module';
import { seedDemo } from '../src/server/seed/demo';

// linli on a SQLite file with the job fair's demo data plus BENCH_POSITIONS more open positions
// (variations of the demo's), and one graduate signed in by SMS code with a profile: prints the
// port and the graduate's cookie. The bench asks for their recommendations under load.
const dataDir = mkdtempSync(path.join(tmpdir(), 'linli-bench-jobs-'));
const config = loadConfig({
  NODE_ENV: 'production',
  LINLI_DATA_DIR: dataDir,
  DATABASE_URL: `sqlite:${dataDir}/linli.db`,
  LINLI_LOG_LEVEL: 'warn',
});
const database = openDatabase(config);
await migrateToLatest(database.db, allMigrations());
const { org } = await seedDemo(database.db);
const codes: string[] = [];
const sms = { name: 'bench', send: async (_phone: string, text: string) => void codes.push(text) };
const { app, services } = await buildApp({
  config,
  database,
  keys: deriveKeys(randomBytes(32)),
  sms,
  backgroundSender: false,
  logger: false,
});
await app.ready();
await jobsModule.seedDemo?.(services.jobs, org, services.core);

const ctx = { actor: systemActor(org.subdistrictId, allPermissions()), requestId: 'bench', ip: 'bench', userAgent: null };
const demo = (await services.jobs.positions.positions(ctx, { page: 1, pageSize: 100 })).items;
const extra = Number(process.env.BENCH_POSITIONS ?? 480);
const districts = ['黄浦区', '静安区', '徐汇区', '浦东新区', '闵行区', '不限'];
for (let i = 0; i < extra; i++) {
  const p = demo[i % demo.length] as (typeof demo)[number];
  await services.jobs.positions.createPosition(ctx, {
    employerId: p.employerId,
    fairId: null,
    title: `${p.title}（${1 + Math.floor(i / demo.length)} 部）`,
    category: p.category,
    industry: p.industry,
    district: districts[i % districts.length] as string,
    salaryMin: (p.salaryMin ?? 5000) + (i % 7) * 300,
    salaryMax: (p.salaryMax ?? 8000) + (i % 5) * 500,
    education: p.education,
    majors: p.majors,
    experienceYears: p.experienceYears,
    headcount: p.headcount,
    description: p.description,
    skills: p.skills,
  });
}

const phone = '13800138000';
const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, cookie?: string, csrf?: string) =>
  app.inject({
    method,
    url,
    payload: body as object,
    headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  });
await inject('POST', '/api/auth/sms/request', { phone });
await services.sender.drain();
const code = codes.at(-1)?.match(/(\d{6})/)?.[1] as string;
const verify = await inject('POST', '/api/auth/sms/verify', { phone, code });
const sid = verify.cookies.find((c) => c.name === 'linli_sid')?.value as string;
const cookie = `linli_sid=${sid}`;
const csrf = (await inject('GET', '/api/auth/me', undefined, cookie)).json().csrfToken as string;
const saved = await inject(
  'PUT',
  '/api/jobs/me',
  {
    phone,
    name: '林晓东',
    status: 'graduate',
    education: '本科',
    school: '上海应用技术大学',
    major: '软件工程',
    graduationYear: 2020,
    categories: ['软件开发', '数据分析'],
    industries: ['互联网'],
    districts: ['黄浦区', '静安区'],
    salaryMin: 8000,
    salaryMax: 11000,
    experienceYears: 0,
    skills: 'Java Spring MySQL Python',
    smsOptIn: false,
  },
  cookie,
  csrf,
);
if (saved.statusCode !== 200) throw new Error(`profile: ${saved.body}`);
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0, cookie, positions: demo.length + extra }));
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
