import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, disposition, refusal } from './files.domain';

describe('refusal', () => {
  it('accepts content of an allowed kind whatever the name says', () => {
    expect(refusal('photo.jpg', 'png', ['jpeg', 'png'])).toBeNull();
  });

  it('names the file and the kind it claims to be', () => {
    expect(refusal('x.pdf', null, ['pdf'])).toBe('文件「x.pdf」不是有效的 PDF 文件');
    expect(refusal('简历.PDF', 'png', ['pdf', 'docx'])).toBe('文件「简历.PDF」不是有效的 PDF 文件');
  });

  it('lists what is accepted when the name claims nothing allowed', () => {
    expect(refusal('setup.exe', null, ['jpeg', 'png'])).toBe('文件「setup.exe」的类型不受支持，请上传 JPEG 图片、PNG 图片 文件');
  });
});

describe('cleanName', () => {
  it('drops folders and control characters and keeps Chinese', () => {
    expect(cleanName('C:\\Users\\张三\\简历.pdf')).toBe('简历.pdf');
    expect(cleanName('../../etc/passwd')).toBe('passwd');
    expect(cleanName('a\u0000b\n.pdf')).toBe('ab.pdf');
    expect(cleanName('')).toBe('未命名文件');
  });

  it('never returns a path or an over-long name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const n = cleanName(s);
        expect(n).not.toMatch(/[\\/]/);
        expect(n.length).toBeGreaterThan(0);
        expect(n.length).toBeLessThanOrEqual(200);
      }),
    );
  });
});

describe('disposition', () => {
  it('offers the Chinese name in UTF-8 and an ASCII fallback', () => {
    expect(disposition('pdf', '简历.pdf')).toBe(`inline; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('简历.pdf')}`);
    expect(disposition('docx', 'a.docx').startsWith('attachment;')).toBe(true);
  });
});
