import sharp from 'sharp';
import { invalidField } from '../errors';

/** the longest side of a stored photo (a delivery at the door, a home visit, an activity): enough to see, small for a slow connection */
export const PHOTO_MAX_SIDE = 1280;
/** what a phone may send before shrinking */
export const PHOTO_MAX_UPLOAD = 15 * 1024 * 1024;

const RASTER = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif']);

/**
 * A photo from a phone made fit to keep (every module that takes photos uses this): judged by its content (not its name or type), turned upright,
 * shrunk to at most PHOTO_MAX_SIDE pixels and re-encoded as JPEG. sharp writes no metadata unless
 * asked, so EXIF — the GPS position among it — is gone from what is stored.
 */
export async function preparePhoto(input: Buffer, name: string, field = 'photo'): Promise<Buffer> {
  const notImage = () => invalidField(field, `「${name}」不是图片，请用手机拍照或选择 JPG、PNG 照片`);
  let format: string | undefined;
  try {
    format = (await sharp(input, { failOn: 'error' }).metadata()).format;
  } catch {
    throw notImage();
  }
  if (!format || !RASTER.has(format)) throw notImage();
  try {
    return await sharp(input, { failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer();
  } catch {
    throw invalidField(field, `照片「${name}」已损坏，无法读取，请重新拍照`);
  }
}

/** a phone's upload read whole (photos are small), refused past PHOTO_MAX_UPLOAD */
export async function readPhoto(stream: AsyncIterable<Buffer>, field = 'photo'): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > PHOTO_MAX_UPLOAD) throw invalidField(field, `照片不能超过 ${PHOTO_MAX_UPLOAD / 1024 / 1024} MB`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
