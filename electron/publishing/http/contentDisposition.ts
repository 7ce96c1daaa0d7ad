/**
 * `Content-Disposition: attachment` for an upload. WordPress (6.1) reads only `filename=`, splits
 * the header on every `;` and does not unescape quotes, so that value is a plain ASCII name
 * with no `;`, `"` or `\`. The exact name, Unicode included, goes in RFC 5987's `filename*=` for
 * servers that read it.
 */

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
};

export function extensionFor(mimeType: string): string | undefined {
  return EXTENSIONS[mimeType.toLowerCase().split(';')[0]!.trim()];
}

/** The file name without directories, with an extension (from the MIME type when it has none). */
export function cleanFileName(fileName: string, mimeType: string): string {
  let name = fileName.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const ext = extensionFor(mimeType);
  if (!name || name.startsWith('.')) name = `image${name}`;
  if (!/\.[A-Za-z0-9]{1,5}$/.test(name) && ext) name = `${name}.${ext}`;
  return name;
}

const TRANSLITERATE: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  þ: 'th',
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Đ: 'D',
  Ł: 'L',
  Þ: 'Th',
};

/** An ASCII stand-in: accents dropped (é → e), anything else unusual → `-`. */
export function asciiFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot + 1)] : [fileName, ''];
  const clean = (s: string) =>
    s
      .replace(/[ßæœøđłþÆŒØĐŁÞ]/g, (c) => TRANSLITERATE[c] ?? '-')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '');
  const safeStem = clean(stem) || 'file';
  const safeExt = ext.replace(/[^A-Za-z0-9]/g, '');
  return safeExt ? `${safeStem}.${safeExt}` : safeStem;
}

/** RFC 5987 `ext-value` characters (attr-char); everything else percent-encoded from UTF-8. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function attachmentDisposition(fileName: string): string {
  const ascii = asciiFileName(fileName);
  const header = `attachment; filename="${ascii}"`;
  return ascii === fileName ? header : `${header}; filename*=UTF-8''${rfc5987(fileName)}`;
}
