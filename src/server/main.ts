import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import { buildApp, type Services } from './app';
import { type Config, loadConfig } from './config';
import { roleDef } from './core/access/roles';
import { replaceGrants } from './core/accounts/accounts.repository';
import { insertStaffAccount } from './core/accounts/accounts.service';
import { AuditLog } from './core/audit/audit.service';
import { checkPassword, DEFAULT_POLICY } from './core/auth/password-policy';
import { hashPassword } from './core/auth/passwords';
import { createBackup, restoreBackup } from './core/backup/backup';
import { checkedKeys, type Keys } from './core/crypto/keys';
import { IMPORT_USAGE, importCommand } from './core/excel/import.cli';
import { type Database, migrateToLatest, openDatabase } from './db/index';
import { allMigrationNames, allMigrations, MODULES } from './modules/index';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './seed/demo';
import { insertOrgTree } from './seed/org';

const USAGE = `linli — 邻里社区服务平台

用法 (usage): npm run linli -- <command> [options]
  start                      migrate, seed the demo subdistrict into an empty database (not in production), serve
  migrate                    apply pending database migrations
  seed                       load the demo subdistrict 小东门街道 into an empty database
  create-admin --username U --name 名字 --role sysadmin|secadmin|auditadmin [--subdistrict 小东门街道 --district 黄浦区]
                             make an administrator; the password is read from LINLI_ADMIN_PASSWORD or standard input
  audit verify               check the audit log's hash chain; exit 1 at the first broken link
  ${IMPORT_USAGE}
  backup <file.tar.gz>       consistent backup of the database, uploaded files and master key (safe while running)
  restore <file.tar.gz> [--force]
                             bring a backup back (stop the server first); --force overwrites a database holding data

${MODULES.flatMap((m) => m.commands ?? [])
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Settings come from the environment (and .env): DATABASE_URL, LINLI_DATA_DIR, PORT, … (see README).`;

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Opens and migrates the database with this process's master key checked against it: a key
 * that is not the database's stops the command before it migrates, reads or writes anything.
 */
async function open(config: Config): Promise<Database & { keys: Keys }> {
  const database = openDatabase(config);
  try {
    await checkedKeys(database.db, config);
    await migrateToLatest(database.db, allMigrations(), database.dialect);
    // a database migrated just now records the key's check value here
    return { ...database, keys: await checkedKeys(database.db, config) };
  } catch (err) {
    await database.close();
    throw err;
  }
}

async function readSecret(): Promise<string> {
  if (process.env.LINLI_ADMIN_PASSWORD) return process.env.LINLI_ADMIN_PASSWORD;
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

function printDemo(url: string, lan: string[], modules: Services['modules']) {
  console.log(`\nlinli 邻里 已启动 (listening): ${url}`);
  if (lan.length) console.log(`  局域网 (LAN): ${lan.join('、')}`);
  console.log(`  手机页面 (phone pages): ${url}/m/login\n  API 文档: ${url}/api/docs\n`);
  console.log(`演示账号 (demo accounts), 密码 (password) ${DEMO_PASSWORD}:`);
  for (const a of [...DEMO_ACCOUNTS, ...modules.flatMap((m) => m.manifest.demoAccounts ?? [])])
    console.log(`  ${a.username.padEnd(10)} ${a.displayName}（${a.role} @ ${a.scope}）`);
  console.log('  管理员账号首次登录需绑定两步验证 (administrators enrol TOTP at first sign-in)\n');
}

/** The demo subdistrict with its accounts, then each module's demo data through its own services. */
async function seedEverything(database: Database, services: Services) {
  const { org } = await seedDemo(database.db);
  for (const m of services.modules) await m.manifest.seedDemo?.(m.services, org, services.core);
  await database.db
    .insertInto('settings')
    .values({ key: 'demo', value: 'true', updated_at: new Date().toISOString(), updated_by: null })
    .execute();
}

async function start(config: Config) {
  const database = await open(config);
  const { keys } = database;
  const { app, services } = await buildApp({ config, database, keys, webDir });
  // several processes starting together on an empty database: one seeds, the others then find data
  await database.dialect.exclusively('seed', async () => {
    if (!(await isEmpty(database.db))) return;
    if (config.env === 'production') console.log('数据库为空：请先运行 `npm run linli -- create-admin …` 创建第一个管理员。');
    else await seedEverything(database, services);
  });
  const demo = !!(await database.db.selectFrom('settings').select('key').where('key', '=', 'demo').executeTakeFirst());
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  // the banner names the addresses the server really listens on; Fastify's own listen lines say nothing more
  await app.listen({ port: config.port, host: config.host, listenTextResolver: () => 'listening' });
  const addresses = app.addresses().filter((a): a is AddressInfo => typeof a !== 'string');
  const port = addresses[0]?.port ?? config.port;
  // files kept in this data folder before they went into the database (PostgreSQL): moved over
  // in the background, so every process can serve them
  services.files.adoptLocalFiles().then(
    (n) => n > 0 && console.log(`已把数据文件夹中的 ${n} 个文件移入数据库 (moved ${n} files into the database)`),
    (err: Error) => console.error(`移入文件失败 (moving files into the database failed): ${err.message}`),
  );
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const lan = addresses.filter((a) => a.family === 'IPv4' && a.address !== '127.0.0.1').map((a) => `http://${a.address}:${a.port}`);
  if (demo) printDemo(url, lan, services.modules);
  else console.log(`linli 邻里 已启动: ${url}${lan.length ? `（局域网：${lan.join('、')}）` : ''}`);
}

async function createAdmin(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      subdistrict: { type: 'string' },
      district: { type: 'string' },
    },
  });
  const role = roleDef(values.role ?? '');
  if (!values.username || !values.name || !role?.admin) {
    throw new Error('create-admin 需要 --username、--name 和 --role sysadmin|secadmin|auditadmin');
  }
  const password = await readSecret();
  const problems = checkPassword(password, DEFAULT_POLICY, { username: values.username });
  if (problems.length) throw new Error(`密码不符合要求：${problems.join('；')}`);
  const database = await open(config);
  try {
    const { db, dialect, keys } = database;
    const hash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      const sdName = values.subdistrict ?? '小东门街道';
      let sd = await trx
        .selectFrom('org_units')
        .select('id')
        .where('kind', '=', 'subdistrict')
        .where('name', '=', sdName)
        .executeTakeFirst();
      if (!sd) {
        const org = await insertOrgTree(trx, values.district ?? '黄浦区', sdName, {});
        sd = { id: org.subdistrictId };
      }
      const id = uuidv7();
      await insertStaffAccount(trx, {
        id,
        subdistrictId: sd.id,
        username: values.username as string,
        displayName: values.name as string,
        passwordHash: hash,
        mustChange: true,
      });
      await replaceGrants(trx, id, sd.id, [{ role: role.code, orgId: sd.id }], null, uuidv7);
      await new AuditLog(db, dialect, keys.audit).record(
        trx,
        { actorId: null, actorName: 'cli', role: null, subdistrictId: sd.id, ip: null, requestId: null },
        {
          action: 'account.create_admin',
          targetType: 'account',
          targetId: id,
          detail: { after: { username: values.username, role: role.code } },
        },
      );
    });
    console.log(`已创建 ${role.code} 账号 ${values.username}；首次登录须修改密码并绑定两步验证。`);
  } finally {
    await database.close();
  }
}

const keyNote = { file: '已包含', env: '来自 LINLI_MASTER_KEY，未包含：请另行保管', none: '尚未生成' } as const;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const database = openDatabase(config);
      await checkedKeys(database.db, config).catch(async (err) => {
        await database.close();
        throw err;
      });
      const applied = await migrateToLatest(database.db, allMigrations(), database.dialect);
      await checkedKeys(database.db, config);
      console.log(applied.length ? `已应用迁移: ${applied.join(', ')}` : '数据库已是最新 (up to date)');
      return database.close();
    }
    case 'seed': {
      const database = await open(config);
      try {
        if (!(await isEmpty(database.db))) throw new Error('数据库中已有数据，拒绝写入演示数据 (database is not empty: refusing to seed)');
        const { app, services } = await buildApp({
          config: { ...config, logLevel: 'warn' },
          database,
          keys: database.keys,
        });
        await seedEverything(database, services);
        await app.close();
        console.log('已载入演示数据：小东门街道');
      } finally {
        await database.close();
      }
      return;
    }
    case 'create-admin':
      return createAdmin(config, rest);
    case 'audit': {
      if (rest[0] !== 'verify') throw new Error(USAGE);
      const database = await open(config);
      try {
        const r = await new AuditLog(database.db, database.dialect, database.keys.audit).verify();
        console.log(JSON.stringify(r));
        if (!r.ok) {
          console.error(`审计日志校验失败：${r.reason}`);
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
      return;
    }
    case 'import': {
      const database = await open(config);
      const { keys } = database;
      try {
        // the same app, so the same registry of import kinds, core's and every module's
        const { app, services } = await buildApp({ config, database, keys, logger: false });
        const report = await importCommand(database.db, services.imports, rest);
        console.log(JSON.stringify(report));
        if (!report.ok) process.exitCode = 1;
        await app.close();
      } finally {
        await database.close();
      }
      return;
    }
    case 'backup': {
      const out = rest[0];
      if (!out) throw new Error('用法：npm run linli -- backup <备份文件.tar.gz>');
      const database = openDatabase(config);
      try {
        // a backup with a key that is not the database's could never be read back
        await checkedKeys(database.db, config, { create: false });
        const m = await createBackup({ config, database, out });
        console.log(
          `已备份到 ${path.resolve(out)}（${m.dialect}，迁移 ${m.migrations.at(-1) ?? '无'}，文件 ${m.files} 个，主密钥${keyNote[m.key]}）`,
        );
        if (m.key === 'file') console.log('备份中含主密钥：请像保管密钥一样保管这个文件。');
      } finally {
        await database.close();
      }
      return;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, options: { force: { type: 'boolean' } }, allowPositionals: true });
      const file = positionals[0];
      if (!file) throw new Error('用法：npm run linli -- restore <备份文件.tar.gz> [--force]');
      const database = openDatabase(config);
      try {
        const m = await restoreBackup({ config, database, file, force: values.force === true, knownMigrations: allMigrationNames() });
        // the restored database names its key: say now, not at the next start, if this is not it
        await checkedKeys(database.db, config, { create: false }).catch((err: Error) => {
          console.error(`已恢复，但${err.message}`);
          process.exitCode = 1;
        });
        console.log(
          `已从 ${path.resolve(file)} 恢复（备份于 ${m.createdAt}，文件 ${m.files} 个）。下次启动时会自动升级到本程序的数据库版本。`,
        );
      } finally {
        await database.close();
      }
      return;
    }
    default: {
      const moduleCommand = MODULES.flatMap((m) => m.commands ?? []).find((c) => c.name === command);
      if (moduleCommand) {
        process.exitCode = await moduleCommand.run(rest);
        return;
      }
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
    }
  }
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
