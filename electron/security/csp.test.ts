import { describe, expect, it } from 'vitest';
import { cspForResponse, devRendererCsp, RENDERER_CSP, RENDERER_META_CSP, withCspHeader } from './csp';

/** directive → sources */
function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name as string, sources]),
  );
}

describe('RENDERER_CSP', () => {
  const policy = parse(RENDERER_CSP);

  it('denies by default and allows scripts, styles, fonts and connections only from the app', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('font-src')).toEqual(["'self'"]);
  });

  it('lets <link> stylesheets come only from the app or as data: (the theme preview frame), never inline', () => {
    expect(policy.get('style-src-elem')).toEqual(["'self'", 'data:']);
    // style= attributes fall back to style-src: still blocked.
    expect(policy.has('style-src-attr')).toBe(false);
    expect(RENDERER_CSP).not.toMatch(/'unsafe-hashes'|'sha\d+-|'nonce-/);
  });

  it('keeps frames closed: a srcdoc frame is not fetched, and nothing may be navigated into it', () => {
    expect(policy.has('frame-src')).toBe(false);
    expect(policy.has('child-src')).toBe(false);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });

  it('shows draft images, data: URLs and remote images of pasted posts', () => {
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'signet-asset:', 'https:', 'http:']);
  });

  it('closes base, forms, framing and plugins', () => {
    for (const d of ['base-uri', 'form-action', 'frame-ancestors', 'object-src'])
      expect(policy.get(d)).toEqual(["'none'"]);
  });

  it('never allows inline or eval’d script', () => {
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/);
  });
});

describe('RENDERER_META_CSP', () => {
  it('is the header policy minus frame-ancestors, which a meta tag cannot carry', () => {
    const meta = parse(RENDERER_META_CSP);
    const header = parse(RENDERER_CSP);
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });
});

describe('devRendererCsp', () => {
  it('opens only what Vite’s dev server needs, for its own origin', () => {
    const policy = parse(devRendererCsp('http://localhost:5173'));
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('style-src-elem')).toEqual(["'self'", 'data:', "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(policy.get('default-src')).toEqual(["'none'"]);
  });
});

describe('cspForResponse', () => {
  it('gives the dev policy only to the dev server', () => {
    expect(cspForResponse('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(
      devRendererCsp('http://localhost:5173'),
    );
    expect(cspForResponse('http://localhost:5173/index.html', null)).toBe(RENDERER_CSP);
    expect(cspForResponse('https://example.com/', 'http://localhost:5173')).toBe(RENDERER_CSP);
    expect(cspForResponse('::', 'http://localhost:5173')).toBe(RENDERER_CSP);
  });
});

describe('withCspHeader', () => {
  it('replaces a server’s policy whatever the header’s case, and keeps other headers', () => {
    const out = withCspHeader(
      { 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html', 'X-A': ['1', '2'] },
      RENDERER_CSP,
    );
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'X-A': ['1', '2'],
      'Content-Security-Policy': [RENDERER_CSP],
    });
  });

  it('adds the policy when there are no headers', () => {
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
