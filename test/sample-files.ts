import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import QRCode from 'qrcode';
import { packZip } from './zip';

/** Real files of each accepted kind, made here so the tests need no binary fixtures. */
export const samplePdf = (text = 'linli'): Buffer =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );

export const samplePng = (text = 'linli'): Promise<Buffer> => QRCode.toBuffer(text, { type: 'png' });

// the smallest well-formed baseline JPEG (1×1 grey)
export const sampleJpeg = (): Buffer =>
  Buffer.from(
    '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
    'base64',
  );

/** the start of a real executable: the Node binary running the tests */
export const sampleExecutable = (): Buffer => readFileSync(process.execPath).subarray(0, 64 * 1024);

const MAIN_TYPES = {
  docx: ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  pptx: ['ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
} as const;

/** A minimal Office Open XML package (stored zip) of the given kind. */
export function sampleOffice(kind: 'docx' | 'pptx'): Buffer {
  const [part, type] = MAIN_TYPES[kind];
  const entries: [string, string][] = [
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`,
    ],
    [part, '<?xml version="1.0" encoding="UTF-8"?><root/>'],
  ];
  return storedZip(entries);
}

function storedZip(entries: [string, string][]): Buffer {
  return packZip(
    entries.map(([name, text]) => {
      const data = Buffer.from(text);
      return { name, method: 0, data, crc: crc32(data), size: data.length };
    }),
  );
}
