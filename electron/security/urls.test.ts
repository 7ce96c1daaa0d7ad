import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './urls';

describe('isAllowedExternalUrl', () => {
  it.each(['https://example.com/post', 'http://example.com', 'mailto:jon@example.com'])(
    'allows %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );
  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>1</script>',
    'signet-asset://draft/x/y.png',
    'smb://server/share',
    'https://user:pass@example.com/',
    'not a url',
    'mailto:',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
