// Puts messages in a running test server's outbox the way a module does — through the server's
// own Outbox, in its database — so browser tests have failed and in-app messages to look at.
// Run beside the server (SQLite in WAL mode takes a second writer; on PostgreSQL pass its DATABASE_URL too):
//   LINLI_DATA_DIR=<server's data folder> node --import tsx e2e/support/enqueue.ts '<json>'
// where <json> is a list of { to, subject?, template, link?, maxAttempts? } and `to` is
// { channel: 'inapp', username } or any other Recipient of core/notify/outbox.ts.
import { loadConfig } from '../../src/server/config';
import { loadKeys } from '../../src/server/core/crypto/keys';
import { Outbox, type Recipient } from '../../src/server/core/notify/outbox';
import { openDatabase } from '../../src/server/db/index';

type To = Recipient | { channel: 'inapp'; username: string };
export interface SeedMessage {
  to: To;
  subject?: string;
  template: string;
  link?: string;
  maxAttempts?: number;
}

const messages = JSON.parse(process.argv[2] ?? '[]') as SeedMessage[];
const config = loadConfig();
const keys = loadKeys(config.dataDir, config.masterKeyHex);
const { db, close } = openDatabase(config);
try {
  const outbox = new Outbox(keys, { maxAttempts: config.notify.maxAttempts });
  const subdistrict = await db.selectFrom('org_units').select('id').where('kind', '=', 'subdistrict').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const m of messages) {
    let to = m.to as Recipient;
    if ('username' in m.to) {
      const account = await db.selectFrom('accounts').select('id').where('username', '=', m.to.username).executeTakeFirstOrThrow();
      to = { channel: 'inapp', accountId: account.id };
    }
    ids.push(
      await outbox.enqueue(db, {
        subdistrictId: subdistrict.id,
        to,
        subject: m.subject,
        template: m.template,
        link: m.link,
        maxAttempts: m.maxAttempts,
        source: { module: 'e2e' },
      }),
    );
  }
  console.log(JSON.stringify(ids));
} finally {
  await close();
}
