/**
 * Whether a media item on the blog is, by its name, the file Signet uploaded: WordPress keeps the
 * title Signet sent, but sanitizes the file's name and may add `-1`, `-2`… (a name taken) and
 * `-scaled` (a big image). Used to find an upload whose answer was lost.
 */
import { decodeWpText } from './wpText';

/** Letters and digits only, accents and case dropped: how two spellings of one name compare. */
function nameKey(name: string): string {
  return decodeWpText(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function stemOf(fileName: string): string {
  return fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

/**
 * `uploadedName` is the cleaned file name Signet sent (`photo.png`); `item` the blog's title and
 * stored file (`2026/11/photo-1.png` or a URL).
 */
export function mediaNameMatches(uploadedName: string, item: { title: string; file: string }): boolean {
  const want = nameKey(stemOf(uploadedName));
  if (!want) return false;
  if (nameKey(item.title) === want) return true;
  const base = stemOf(item.file.split(/[\\/]/).pop() ?? '').replace(/-scaled$/i, '');
  return nameKey(base) === want || nameKey(base.replace(/-\d+$/, '')) === want;
}
