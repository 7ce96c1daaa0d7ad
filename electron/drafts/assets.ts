import * as path from 'node:path';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
};

/** The image MIME type for a file name, or null when Signet does not show that kind of file. */
export function imageMimeType(fileName: string): string | null {
  return IMAGE_TYPES[path.extname(fileName).toLowerCase()] ?? null;
}

/** A file name that is safe inside an assets folder: no path, no control or odd characters. */
export function safeAssetName(fileName: string): string {
  const base = path.basename(fileName.replace(/\\/g, '/'));
  const ext = path.extname(base).toLowerCase();
  const stem = base
    .slice(0, base.length - ext.length)
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${stem || 'image'}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ''}`;
}
