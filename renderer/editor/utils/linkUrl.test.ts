// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { isAllowedLinkUrl, validateLinkUrl } from './linkUrl';

describe('validateLinkUrl', () => {
  it.each([
    ['https://example.com/post?id=1#top', 'https://example.com/post?id=1#top'],
    ['http://example.com', 'http://example.com'],
    ['  https://example.com  ', 'https://example.com'],
    ['mailto:editor@example.com', 'mailto:editor@example.com'],
  ])('keeps %s', (input, url) => {
    expect(validateLinkUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ['example.com', 'https://example.com'],
    ['example.com/a/b?c=d', 'https://example.com/a/b?c=d'],
    ['localhost:3000/preview', 'https://localhost:3000/preview'],
    ['editor@example.com', 'mailto:editor@example.com'],
    ['//cdn.example.com/x', 'https://cdn.example.com/x'],
  ])('completes %s as %s', (input, url) => {
    expect(validateLinkUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox',
    'ftp://example.com/file',
    'tel:+123456',
  ])('refuses the %s scheme with a message', (input) => {
    const result = validateLinkUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/https:\/\/.*mailto:/);
  });

  it.each(['', '   ', 'not a link', 'https://exa mple.com', 'https://', 'mailto:'])('refuses %j', (input) => {
    expect(validateLinkUrl(input).ok).toBe(false);
  });
  it('takes an address written with a variable in a snippet only', () => {
    expect(validateLinkUrl(' {{post.originalUrl}} ', { allowTemplates: true })).toEqual({
      ok: true,
      url: '{{post.originalUrl}}',
    });
    expect(validateLinkUrl('{{blog.url}}about/', { allowTemplates: true }).ok).toBe(true);
    expect(validateLinkUrl('{{post.originalUrl}}').ok).toBe(false);
    expect(validateLinkUrl('javascript:{{x}}', { allowTemplates: true }).ok).toBe(false);
  });
});

describe('isAllowedLinkUrl', () => {
  it('allows complete web and mail links only', () => {
    expect(isAllowedLinkUrl('https://example.com')).toBe(true);
    expect(isAllowedLinkUrl('mailto:a@example.com')).toBe(true);
    expect(isAllowedLinkUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedLinkUrl('java\tscript:alert(1)')).toBe(false);
    expect(isAllowedLinkUrl('/relative/path')).toBe(false);
    expect(isAllowedLinkUrl('https://')).toBe(false);
  });
});
