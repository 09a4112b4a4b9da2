import { z } from 'zod';
import type { ImportColumn, ImportEnv, ImportKind } from '../excel/import-kind';
import { parseIdNumber } from './id-number';
import { parseMobile, parsePhone } from './people.domain';
import type { PeopleService, PersonField, PersonInput, SealedAhead } from './people.service';

/**
 * The person columns every import of people shares (the people registry itself, care's
 * beneficiaries, …): the same headers, the same checks, the same messages.
 */
export const PERSON_COLUMNS: ImportColumn[] = [
  { key: 'name', header: '姓名', required: true, example: '江平', hint: '与身份证一致', width: 12 },
  { key: 'gender', header: '性别', options: ['男', '女'], example: '女', hint: '可不填，按身份证号判断；填写时须与身份证号一致', width: 8 },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    example: '11010519491231002X',
    hint: '18 位，末位可为 X；15 位旧号码会自动转换；请保持文本格式',
    width: 22,
    sensitive: 'idNumber',
  },
  { key: 'phone', header: '手机号码', example: '13800138000', hint: '11 位手机号码', width: 14, sensitive: 'phone' },
  { key: 'altPhone', header: '备用电话', example: '021-63281234', hint: '手机号码或固定电话', width: 16, sensitive: 'phone' },
  {
    key: 'neighborhood',
    header: '居民区',
    required: true,
    options: (env) => env.neighborhoods.map((n) => n.name),
    example: '白渡',
    width: 10,
  },
  { key: 'road', header: '路名', example: '中山南路', width: 14 },
  { key: 'lane', header: '弄', example: '100', width: 6 },
  { key: 'building', header: '号', example: '5', width: 6 },
  { key: 'room', header: '室', example: '301', width: 6 },
];

const GENDER = { 男: 'male', 女: 'female' } as const;

const required = (label: string) => z.string({ error: `请填写${label}` });
const optional = (label: string, max: number) => z.string().max(max, `${label}不能超过 ${max} 个字`).optional();

/** zod fields for the person columns; a module spreads them into its own row schema */
export function personFields(env: ImportEnv) {
  return {
    name: required('姓名').max(40, '姓名不能超过 40 个字'),
    gender: z.enum(['男', '女'], { error: '性别只能填「男」或「女」' }).optional(),
    idNumber: required('身份证号').transform((v, ctx) => {
      const r = parseIdNumber(v, env.today);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }
      return r.info;
    }),
    phone: z
      .string()
      .transform((v, ctx) => {
        const r = parseMobile(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        return r.ok ? r.value : '';
      })
      .optional(),
    altPhone: z
      .string()
      .transform((v, ctx) => {
        const r = parsePhone(v, '备用电话');
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        return r.ok ? r.value : '';
      })
      .optional(),
    neighborhood: required('居民区').transform((v, ctx) => {
      const n = env.neighborhoods.find((x) => x.name === v);
      if (!n) {
        const names = env.neighborhoods.map((x) => x.name).join('、');
        ctx.addIssue({ code: 'custom', message: `居民区「${v}」不存在或不在您的管辖范围内（可填：${names}）` });
        return z.NEVER;
      }
      return n.id;
    }),
    road: optional('路名', 40),
    lane: optional('弄', 10),
    building: optional('号', 10),
    room: optional('室', 10),
  };
}

type PersonRowShape = z.output<z.ZodObject<ReturnType<typeof personFields>>>;

/** cross-column checks: the gender must agree with the ID number */
export function checkPerson(row: PersonRowShape, ctx: z.RefinementCtx): void {
  if (row.gender && GENDER[row.gender] !== row.idNumber.gender) {
    ctx.addIssue({
      code: 'custom',
      path: ['gender'],
      message: `性别与身份证号不符（身份证号显示为${row.idNumber.gender === 'male' ? '男' : '女'}）`,
    });
  }
}

export function toPersonInput(row: PersonRowShape): PersonInput {
  return {
    name: row.name,
    idNumber: row.idNumber.value,
    gender: row.gender ? GENDER[row.gender] : undefined,
    phone: row.phone,
    altPhone: row.altPhone,
    neighborhoodId: row.neighborhood,
    road: row.road,
    lane: row.lane,
    building: row.building,
    room: row.room,
  };
}

/** which column a PeopleService field error belongs to */
export const PERSON_FIELD_COLUMN: Record<PersonField, string> = {
  name: 'name',
  idNumber: 'idNumber',
  gender: 'gender',
  phone: 'phone',
  altPhone: 'altPhone',
  neighborhoodId: 'neighborhood',
  road: 'road',
  lane: 'lane',
  building: 'building',
  room: 'room',
};

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 1990-01-31, 1990/1/31, 1990年1月31日, 19900131, or an Excel day number */
export function parseDate(v: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  const a = v.match(DATE);
  if (a) [y, m, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
  else if (/^\d{8}$/.test(v)) [y, m, d] = [Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8))];
  else if (/^\d{5}$/.test(v)) {
    const date = new Date(Date.UTC(1899, 11, 30) + Number(v) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** The people registry's own import: the person columns plus an optional birth date to cross-check. */
export function peopleImportKind(people: PeopleService): ImportKind<PersonInput, SealedAhead> {
  const columns = [...PERSON_COLUMNS];
  columns.splice(3, 0, {
    key: 'birthDate',
    header: '出生日期',
    example: '1949-12-31',
    hint: '可不填，按身份证号判断；填写时须与身份证号一致',
    width: 12,
  });
  return {
    kind: 'people',
    label: '居民信息',
    permission: 'people:manage',
    columns,
    rowSchema: (env) =>
      z
        .object({
          ...personFields(env),
          birthDate: z
            .string()
            .transform((v, ctx) => {
              const d = parseDate(v);
              if (!d) ctx.addIssue({ code: 'custom', message: `出生日期「${v}」格式不正确，应为 1990-01-31` });
              else if (d > env.today) ctx.addIssue({ code: 'custom', message: `出生日期 ${d} 晚于今天` });
              return d ?? '';
            })
            .optional(),
        })
        .superRefine((row, ctx) => {
          checkPerson(row, ctx);
          if (row.birthDate && row.birthDate !== row.idNumber.birthDate && row.birthDate <= env.today) {
            ctx.addIssue({
              code: 'custom',
              path: ['birthDate'],
              message: `出生日期与身份证号不符（身份证号中为 ${row.idNumber.birthDate}）`,
            });
          }
        })
        .transform(toPersonInput),
    duplicateKey: {
      key: 'idNumber',
      of: (row) => row.idNumber,
      message: (first) => `与第 ${first} 行的身份证号相同：同一人在一个文件中只能出现一次`,
    },
    prepare: (rows, cc) =>
      people.sealAhead(
        rows.map((r) => r.data),
        { dryRun: cc.dryRun },
      ),
    async commit(trx, rows, cc, ahead) {
      const results = await people.upsertMany(
        trx,
        cc.ctx,
        rows.map((r) => r.data),
        { source: cc.source, permission: 'people:manage', dryRun: cc.dryRun, ahead },
      );
      const counts = { created: 0, updated: 0, unchanged: 0, errors: [] as { row: number; key: string; message: string }[] };
      results.forEach((r, i) => {
        const row = rows[i]?.row ?? 0;
        if (r.ok) counts[r.outcome]++;
        else counts.errors.push({ row, key: PERSON_FIELD_COLUMN[r.field], message: r.message });
      });
      return counts;
    },
  };
}
