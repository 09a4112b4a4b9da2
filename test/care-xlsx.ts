import type { CellValue } from './xlsx';
import { idNumber } from './xlsx';

export const BENEFICIARY_HEADERS = [
  '姓名',
  '性别',
  '身份证号',
  '手机号码',
  '备用电话',
  '居民区',
  '路名',
  '弄',
  '号',
  '室',
  '优抚类别',
  '居住状况',
  '重点关注原因',
  '紧急联系人',
  '紧急联系人电话',
  '备注',
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const GIVEN = ['建国', '秀英', '国华', '桂兰', '志强', '玉珍', '德明', '淑芬', '卫东', '凤英'];
const CATEGORIES = ['残疾军人', '烈士遗属', '复员军人', '带病回乡退伍军人', '现役军人家属', '其他退役军人'];
const NEIGHBORHOODS = ['白渡', '白渡', '中华', '金坛', '乔家路'];

/** n rows of the 优抚对象 roll, deterministic; row i is spreadsheet row i + 2 */
export function beneficiaryRows(n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [
    `${SURNAMES[i % 10]}${GIVEN[(i * 3) % 10]}`,
    null,
    idNumber(`19${30 + (i % 15)}0${1 + (i % 9)}1${i % 9}`, 200 + i),
    `1370000${String(1000 + i).padStart(4, '0')}`,
    i % 4 === 0 ? '021-63281234' : null,
    NEIGHBORHOODS[i % NEIGHBORHOODS.length] as string,
    '中山南路',
    String(10 + i),
    String(1 + (i % 7)),
    String(101 + i),
    CATEGORIES[i % CATEGORIES.length] as string,
    i % 3 === 0 ? '独居' : '与子女同住',
    i % 2 === 0 ? '慢性病、行动不便' : null,
    `家属${i}`,
    `1390000${String(1000 + i).padStart(4, '0')}`,
    null,
  ]);
}
