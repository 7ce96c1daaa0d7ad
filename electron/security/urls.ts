/** Which URLs may leave the app for the system browser or mail client. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:')
    return url.hostname.length > 0 && !url.username && !url.password;
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  return false;
}
