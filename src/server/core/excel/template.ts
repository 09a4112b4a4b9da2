import ExcelJS from 'exceljs';
import type { AnyImportKind, ImportColumn, ImportEnv } from './import-kind';
import { columnLetter } from './pipeline';

/** rows of the data sheet that carry drop-downs and text format */
const TEMPLATE_ROWS = 50_001;

export function optionsOf(col: ImportColumn, env: ImportEnv): string[] | undefined {
  if (!col.options) return undefined;
  return typeof col.options === 'function' ? col.options(env) : [...col.options];
}

/**
 * The template of one import kind: sheet 「导入数据」 with the headers (required ones in red),
 * every cell formatted as text (so ID numbers keep their digits), drop-downs for enumerated
 * columns, and the example row (skipped on import); sheet 「填写说明」 explains each column.
 */
export async function buildTemplate(kind: AnyImportKind, env: ImportEnv): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'linli 邻里';
  const ws = wb.addWorksheet('导入数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  const help = wb.addWorksheet('填写说明');
  const lists = wb.addWorksheet('选项', { state: 'hidden' });

  ws.columns = kind.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(10, c.header.length * 2 + 4),
    style: { numFmt: '@' },
  }));
  const head = ws.getRow(1);
  kind.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.note = [c.required ? '必填' : '选填', c.hint].filter(Boolean).join('：');
  });
  const example = ws.addRow(kind.columns.map((c) => c.example));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  example.getCell(1).note = '示例行：导入时自动跳过，可删除或直接在其下方填写';

  let listCol = 0;
  kind.columns.forEach((c, i) => {
    const options = optionsOf(c, env);
    if (!options || options.length === 0) return;
    listCol++;
    const letter = columnLetter(listCol - 1);
    lists.getCell(1, listCol).value = c.header;
    options.forEach((o, j) => {
      lists.getCell(j + 2, listCol).value = o;
    });
    const range = `${columnLetter(i)}2:${columnLetter(i)}${TEMPLATE_ROWS}`;
    // range validations are in exceljs 4 but missing from its typings
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`选项!$${letter}$2:$${letter}$${options.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表中选择：${options.slice(0, 10).join('、')}${options.length > 10 ? '…' : ''}`,
    });
  });

  help.columns = [
    { header: '列名', width: 16 },
    { header: '是否必填', width: 10 },
    { header: '填写要求', width: 60 },
    { header: '可选值', width: 40 },
    { header: '示例', width: 24 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of kind.columns) {
    help.addRow([c.header, c.required ? '必填' : '选填', c.hint ?? '', (optionsOf(c, env) ?? []).join('、'), c.example]);
  }
  help.addRow([]);
  help.addRow([
    `说明：第 1 行为表头，请勿修改列名；从第 2 行起每行一条记录；请勿合并单元格。同一身份证号重复导入会合并为同一人，不会重复登记。`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
