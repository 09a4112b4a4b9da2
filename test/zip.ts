import { writeFile } from 'node:fs/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

/** One zip entry: its bytes given as chunks, so a huge (highly compressible) entry is never all in memory. */
export interface ZipEntry {
  name: string;
  chunks: Iterable<Buffer | string>;
}

async function deflate(chunks: Iterable<Buffer | string>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { data: Buffer.concat(out), crc, size };
}

/** One entry as it goes into the archive: its (compressed) bytes, CRC and size before compression. */
export interface PackedEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
}

/** A zip written from scratch (local headers, central directory, end record): no library in between. */
export function packZip(entries: PackedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name: text, method, data, crc, size } of entries) {
    const name = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A deflated zip of the given entries. */
export async function zipBuffer(entries: ZipEntry[]): Promise<Buffer> {
  const packed: PackedEntry[] = [];
  for (const e of entries) packed.push({ name: e.name, method: 8, ...(await deflate(e.chunks)) });
  return packZip(packed);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The XML of one row of inline-string cells (t="inlineStr"), as Java exporters write them. */
export function inlineRow(rowNo: number, cells: (string | null)[]): string {
  const cs = cells
    .map((v, i) => (v === null ? '' : `<c r="${columnName(i)}${rowNo}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`))
    .join('');
  return `<row r="${rowNo}">${cs}</row>`;
}

/**
 * A minimal .xlsx with one worksheet whose body comes as chunks of XML: no shared strings, no
 * styles. `sheetBody` yields what goes inside <worksheet> (sheetData, mergeCells, …).
 */
export function inlineXlsx(sheetBody: Iterable<Buffer | string>): Promise<Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipBuffer([
    {
      name: '[Content_Types].xml',
      chunks: [
        `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ],
    },
    {
      name: '_rels/.rels',
      chunks: [
        `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/workbook.xml',
      chunks: [
        `${head}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: [
        `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      chunks: (function* () {
        yield `${head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
        yield* sheetBody;
        yield '</worksheet>';
      })(),
    },
  ]);
}

/** writes inlineXlsx to a file */
export async function writeInlineXlsx(file: string, sheetBody: Iterable<Buffer | string>): Promise<void> {
  await writeFile(file, await inlineXlsx(sheetBody));
}
