import { z } from 'zod';

/**
 * zod's own zh-CN messages read like a type checker (「数值过小：期望 string >=8 字符」). Staff and
 * residents see these under a form field, so the common cases get plain sentences; anything rarer
 * falls back to zod's locale. A schema's own `message` always wins over both.
 */
const zhCN = z.locales.zhCN().localeError;

const FORMATS: Record<string, string> = {
  email: '请输入正确的电子邮件地址',
  url: '请输入正确的网址',
  date: '请输入正确的日期（如 2026-01-31）',
  datetime: '请输入正确的日期时间',
  time: '请输入正确的时间（如 09:30）',
  uuid: '编号格式不正确',
  regex: '格式不正确',
};

type Issue = Parameters<NonNullable<typeof zhCN>>[0];

export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return '必填';
      if (issue.expected === 'int') return '请输入整数';
      if (issue.expected === 'number') return '请输入数字';
      if (issue.expected === 'string') return '请输入文字';
      if (issue.expected === 'array') return '请选择一项或多项';
      if (issue.expected === 'boolean') return '请选择是或否';
      return '格式不正确';
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? '必填' : `至少 ${n} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return n <= 1 ? '请至少选择一项' : `请至少选择 ${n} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return issue.inclusive ? `不能小于 ${n}` : `必须大于 ${n}`;
      return undefined;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多选择 ${n} 项`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return issue.inclusive ? `不能大于 ${n}` : `必须小于 ${n}`;
      if (issue.origin === 'file') return '文件过大';
      return undefined;
    }
    case 'invalid_value':
      return issue.values.length <= 8 ? `请选择：${issue.values.map(String).join('、')}` : '不是可选的值';
    case 'invalid_format':
      return FORMATS[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return Number(issue.divisor) === 1 ? '请输入整数' : `必须是 ${issue.divisor} 的倍数`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    default:
      return undefined;
  }
}

export function installPlainMessages(): void {
  z.config({
    localeError: (issue) => plainMessage(issue) ?? zhCN?.(issue),
  });
}

/** the plain messages above say what is wrong but not where; a schema's own message names its field */
const GENERIC = /^(必填|至少|最多|请输入(数字|整数|文字)|请选择|请至少|不能|必须|格式不正确|请输入正确的|编号格式|不是可选|文件过大)/;

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  title: '标题',
  phone: '手机号码',
  idNumber: '身份证号',
  gender: '性别',
  birthDate: '出生日期',
  address: '地址',
  note: '备注',
  email: '电子邮件',
  username: '账号',
  password: '密码',
  neighborhoodId: '居民区',
  startsOn: '开始日期',
  endsOn: '结束日期',
  quantity: '数量',
  clientKey: '提交编号',
  page: '页码',
  pageSize: '每页条数',
};

/** the envelope's one-line message: a generic message is prefixed with the field it is about */
export function withField(field: { path: string; message: string }): string {
  if (!field.path || !GENERIC.test(field.message)) return field.message;
  const last =
    field.path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? field.path;
  const row = field.path.match(/\.(\d+)\./)?.[1];
  const label = FIELD_LABELS[last] ?? last;
  return `${row !== undefined ? `第 ${Number(row) + 1} 项的` : ''}${label}：${field.message}`;
}
