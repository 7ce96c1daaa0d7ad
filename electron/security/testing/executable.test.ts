import { describe, expect, it } from 'vitest';

import { findExecutableHtml, findExecutableMarkdown, isDangerousStyle, urlScheme } from './executable';

const rules = (html: string) => findExecutableHtml(html).map((finding) => finding.rule);

describe('findExecutableHtml finds what could run', () => {
  it.each([
    ['<script>x()</script>', 'element'],
    ['<p>a</p><svg><script>x()</script></svg>', 'raw-tag'],
    ['<img src=x onerror=x()>', 'event-handler'],
    ['<p/onclick=x()>t</p>', 'raw-handler'],
    ['<a href=" JaVa&#x09;ScRipt:x()">t</a>', 'url-scheme'],
    ['<a href="&#0000106;avascript:x()">t</a>', 'url-scheme'],
    ['<a href="\u0001javascript:x()">t</a>', 'url-scheme'],
    ['<a href="data:text/html,x">t</a>', 'url-scheme'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', 'url-scheme'],
    ['<img srcset="https://a.example/1.png 1x, javascript:x() 2x">', 'url-scheme'],
    ['<svg><a xlink:href="javascript:x()">t</a></svg>', 'url-scheme'],
    ['<button formaction="javascript:x()">b</button>', 'url-scheme'],
    ['<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe>', 'srcdoc'],
    ['<p style="width:expr\\65 ssion(x())">t</p>', 'style'],
    ['<p style="background:url( \'javascript:x()\')">t</p>', 'style'],
    ['<meta http-equiv="refresh" content="0;url=javascript:x()">', 'element'],
    ['<base href="https://a.example/">', 'element'],
    ['<object data="x"></object>', 'element'],
    ['<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>', 'element'],
    ['<script src="https://platform.twitter.com/widgets.js">x()</script>', 'element'],
  ])('%s', (html, rule) => {
    expect(rules(html)).toContain(rule);
  });
});

describe('findExecutableHtml passes what cannot run', () => {
  it.each([
    '<p>Hello <strong>world</strong> &lt;script&gt;x()&lt;/script&gt;</p>',
    '<p><a href="https://example.com/?q=javascript:x()">t</a> <a href="mailto:a@example.com">m</a></p>',
    '<figure><img src="https://example.com/a.png" alt="&quot;&gt;&lt;img src=x onerror=x()&gt;"></figure>',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
    '<pre><code class="language-js">a &lt; b</code></pre><!-- wp:paragraph --><p>onload=x()</p>',
    '<figure class="kg-card kg-embed-card"><iframe width="560" height="315" src="https://www.youtube.com/embed/abc_12?feature=oembed" frameborder="0" allowfullscreen></iframe></figure>',
    '<figure><blockquote class="twitter-tweet"><a href="https://twitter.com/a/status/1">x</a></blockquote><script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></figure>',
  ])('%s', (html) => {
    expect(findExecutableHtml(html)).toEqual([]);
  });
});

describe('findExecutableMarkdown', () => {
  it.each([
    '[t](javascript:x())',
    '[t](<JAVASCRIPT:x()>)',
    '[t](&#106;avascript:x())',
    '![i](data:image/svg+xml;base64,PHN2Zz4=)',
    '<javascript:x()>',
    '[t][r]\n\n[r]: vbscript:x',
    'Some <img src=x onerror=x()> text',
    'Intro\n\n<iframe src="https://a.example/"></iframe>',
    // A code span at a line's start, not a code fence: its info string would hold backticks.
    '```a``b```\n![i](javascript:x)',
  ])('finds %s', (markdown) => {
    expect(findExecutableMarkdown(markdown)).not.toEqual([]);
  });

  it.each([
    '[t](https://example.com/a) ![i](https://example.com/a.png "cap") <https://example.com>',
    '&#60;script>x()&#60;/script> and `<script>` in code',
    '```html\n<script>x()</script>\n```',
    '![i](data:image/png;base64,iVBORw0KGgo=)',
    // Found by the 1,000,000-input fuzz (batch seed 2080030833): the code span on the first line
    // was taken for a fence opening, so the real fence after it was read inside out.
    '```a``b```\n\n```\n![i](javascript:x)\n```',
  ])('passes %s', (markdown) => {
    expect(findExecutableMarkdown(markdown)).toEqual([]);
  });
});

it('reads schemes and styles as a browser does', () => {
  expect(urlScheme('\u0000 ja\tva\nscript:x')).toBe('javascript');
  expect(urlScheme('/relative:path')).toBeNull();
  expect(isDangerousStyle('font-weight: 700; color: red')).toBe(false);
  expect(isDangerousStyle('-moz-binding: url(x)')).toBe(true);
});
