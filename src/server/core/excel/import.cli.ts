import { parseArgs } from 'node:util';
import { uuidv7 } from 'uuidv7';
import type { ImportReport } from '../../../contracts/imports';
import type { Db } from '../../db/index';
import { type Actor, permissionsOf, systemActor } from '../access/actor';
import { findAccountByUsername, grantsOf } from '../auth/auth.repository';
import type { RequestContext } from '../context';
import { allPermissions } from '../modules/install';
import type { ImportService } from './imports.service';

export const IMPORT_USAGE = `import <kind> <file> [--dry-run] [--as 账号] [--subdistrict 街道] [--progress]
                             read an .xlsx/.csv through the same checks as the web import and print the
                             report as JSON; exits 1 when any row has an error (then nothing is written)`;

async function actorFor(db: Db, as?: string, subdistrict?: string): Promise<Actor> {
  if (as) {
    const a = await findAccountByUsername(db, as);
    if (!a || a.disabled) throw new Error(`账号「${as}」不存在或已停用`);
    const grants = await grantsOf(db, a.id);
    return {
      accountId: a.id,
      username: a.username,
      displayName: a.display_name,
      kind: a.kind === 'resident' ? 'resident' : 'staff',
      subdistrictId: a.subdistrict_id,
      sessionId: '',
      personId: a.person_id,
      grants,
      permissions: permissionsOf(grants),
    };
  }
  let q = db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'subdistrict');
  if (subdistrict) q = q.where('name', '=', subdistrict);
  const found = await q.execute();
  if (found.length !== 1) {
    throw new Error(
      found.length === 0
        ? `找不到街道${subdistrict ? `「${subdistrict}」` : ''}：请先 seed 或 create-admin`
        : `数据库中有多个街道，请用 --subdistrict 指定（${found.map((s) => s.name).join('、')}）`,
    );
  }
  return systemActor((found[0] as { id: string }).id, allPermissions());
}

/** `linli import <kind> <file>`: prints the report; the exit code says whether it was clean. */
export async function importCommand(db: Db, imports: ImportService, args: string[]): Promise<ImportReport> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      as: { type: 'string' },
      subdistrict: { type: 'string' },
      progress: { type: 'boolean', default: false },
    },
  });
  const [kind, file] = positionals;
  if (!kind || !file)
    throw new Error(
      `用法：npm run linli -- ${IMPORT_USAGE}\n可导入：${imports.registry
        .list()
        .map((k) => k.kind)
        .join(', ')}`,
    );
  if (!imports.registry.get(kind))
    throw new Error(
      `未知的导入类型「${kind}」；可导入：${imports.registry
        .list()
        .map((k) => k.kind)
        .join(', ')}`,
    );
  const actor = await actorFor(db, values.as, values.subdistrict);
  const ctx: RequestContext = { actor, requestId: uuidv7(), ip: 'cli', userAgent: 'linli-cli' };
  const run = await imports.runFile(ctx, kind, file, {
    dryRun: values['dry-run'] ?? false,
    onProgress: values.progress ? (p) => process.stderr.write(`${JSON.stringify({ progress: p })}\n`) : undefined,
  });
  return run.report;
}
