// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';

import { installBrowserNodeName } from '../testing/happyDomNodeName';
import { isTrackingImage, sanitizePastedHtml } from './sanitizePastedHtml';

// DOMPurify cannot walk happy-dom's DOM without this (see the file); the same cases run in real
// Chromium in the browser check.
installBrowserNodeName();

function clean(html: string): Document {
  return new DOMParser().parseFromString(sanitizePastedHtml(html), 'text/html');
}

describe('sanitizePastedHtml removes what a post must not carry', () => {
  it('drops scripts and styles with their contents', () => {
    const out = sanitizePastedHtml(
      '<p>Hi</p><script>alert(1)</script><style>p{color:red}</style><noscript>enable js</noscript>',
    );
    expect(out).toBe('<p>Hi</p>');
  });

  it('drops event handlers and other attributes', () => {
    const doc = clean(
      '<p onclick="steal()" class="x" id="y" data-track="1">Text <b onmouseover="x()">bold</b></p>',
    );
    const p = doc.querySelector('p');
    expect(p?.getAttributeNames()).toEqual([]);
    expect(doc.querySelector('b')?.getAttributeNames()).toEqual([]);
    expect(doc.body.textContent).toBe('Text bold');
  });

  it('unwraps javascript:, data: and relative links but keeps their text', () => {
    const doc = clean(
      '<p><a href="javascript:alert(1)">one</a> <a href=" JaVaScRiPt:alert(1)">two</a> ' +
        '<a href="data:text/html,x">three</a> <a href="/relative">four</a></p>',
    );
    expect(doc.querySelectorAll('a')).toHaveLength(0);
    expect(doc.body.textContent).toBe('one two three four');
  });

  it('drops iframes, forms and embeds with their contents', () => {
    const doc = clean(
      '<p>Before</p><iframe srcdoc="&lt;p&gt;ad&lt;/p&gt;">fallback</iframe>' +
        '<form action="https://evil.example"><label>Card</label><input name="cc"><button>Pay</button></form>' +
        '<object data="x.swf"><embed src="x.swf"></object><p>After</p>',
    );
    expect(doc.querySelector('iframe, form, input, button, object, embed')).toBeNull();
    expect(doc.body.textContent).toBe('BeforeAfter');
  });

  it('drops 1×1 and tiny tracking images', () => {
    const doc = clean(
      '<p>Text<img src="https://mail.example.com/open/abc.gif" width="1" height="1">' +
        '<img src="https://cdn.example.com/a.png" style="width:1px;height:1px">' +
        '<img src="https://cdn.example.com/b.png" width="2"></p>',
    );
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('drops images from known trackers whatever their size', () => {
    const doc = clean(
      '<img src="https://www.google-analytics.com/collect?v=1" width="300">' +
        '<img src="https://www.facebook.com/tr?id=1&ev=PageView">' +
        '<img src="https://u123.ct.sendgrid.net/wf/open?upn=abc">' +
        '<img src="https://example.com/pixel.gif">',
    );
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('drops hidden elements and images without a usable source', () => {
    const doc = clean(
      '<p>Shown</p><div style="display:none">Hidden <a href="https://x.example">link</a></div>' +
        '<img src="file:///C:/Users/me/photo.png"><img src="cid:image001"><img src="javascript:alert(1)"><img>',
    );
    expect(doc.body.textContent).toBe('Shown');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('keeps only emphasis in inline styles', () => {
    const doc = clean(
      '<p><span style="font-weight:700;color:red;background:url(https://t.example/x)">bold</span></p>',
    );
    expect(doc.querySelector('span')?.getAttribute('style')).toBe('font-weight: 700');
  });
});

describe('sanitizePastedHtml keeps the structure of the post', () => {
  it('keeps headings, lists, quotes and code', () => {
    const doc = clean(
      '<h2>Title</h2><h3>Sub</h3><ul><li>One<ul><li>Nested</li></ul></li></ul><ol start="3"><li>Three</li></ol>' +
        '<blockquote><p>Quote</p></blockquote><pre><code>const x = 1;\nx++;</code></pre><p>Use <code>npm</code></p>',
    );
    expect(doc.querySelector('h2')?.textContent).toBe('Title');
    expect(doc.querySelector('h3')?.textContent).toBe('Sub');
    expect(doc.querySelector('ul ul li')?.textContent).toBe('Nested');
    expect(doc.querySelector('ol')?.getAttribute('start')).toBe('3');
    expect(doc.querySelector('blockquote')?.textContent).toBe('Quote');
    expect(doc.querySelector('pre')?.textContent).toBe('const x = 1;\nx++;');
    expect(doc.querySelector('p code')?.textContent).toBe('npm');
  });

  it('keeps web and mail links and emphasis', () => {
    const doc = clean(
      '<p><a href="https://example.com/a?b=c" target="_blank" rel="opener">web</a> ' +
        '<a href="mailto:me@example.com">mail</a> <strong>b</strong> <em>i</em> <u>u</u> <s>s</s></p>',
    );
    const links = Array.from(doc.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a?b=c',
      'mailto:me@example.com',
    ]);
    expect(links[0]?.hasAttribute('target')).toBe(false);
    expect(doc.querySelector('strong, em, u, s')).not.toBeNull();
  });

  it('keeps tables', () => {
    const doc = clean(
      '<table class="data"><thead><tr><th>Name</th><th>Qty</th></tr></thead>' +
        '<tbody><tr><td colspan="2">Apples</td></tr></tbody></table>',
    );
    expect(doc.querySelector('thead th')?.textContent).toBe('Name');
    expect(doc.querySelector('tbody td')?.getAttribute('colspan')).toBe('2');
  });

  it('keeps real images with alt text, captions and size', () => {
    const doc = clean(
      '<figure><img src="https://cdn.example.com/photo.jpg" alt="A harbour" width="800" height="600">' +
        '<figcaption>Evening light</figcaption></figure>',
    );
    const img = doc.querySelector('figure img');
    expect(img?.getAttribute('src')).toBe('https://cdn.example.com/photo.jpg');
    expect(img?.getAttribute('alt')).toBe('A harbour');
    expect(img?.getAttribute('width')).toBe('800');
    expect(doc.querySelector('figcaption')?.textContent).toBe('Evening light');
  });

  it('moves a linked image out of its link', () => {
    const doc = clean(
      '<p><a href="https://example.com"><img src="https://cdn.example.com/p.png" alt="p"></a></p>',
    );
    expect(doc.querySelector('a img')).toBeNull();
    expect(doc.querySelector('img')).not.toBeNull();
  });

  it('makes <pre><code> one code block and quotes lines of text', () => {
    expect(sanitizePastedHtml('<pre><code>a\nb</code></pre>')).toBe('<pre>a\nb</pre>');
    expect(sanitizePastedHtml('<blockquote><p>One <b>bold</b></p><p>Two</p></blockquote>')).toBe(
      '<blockquote>One <b>bold</b><br>Two</blockquote>',
    );
  });

  it('turns a WordPress more comment into the read-more marker', () => {
    expect(sanitizePastedHtml('<p>Intro</p><!--more--><p>Rest</p>')).toBe(
      '<p>Intro</p><hr data-signet-more=""><p>Rest</p>',
    );
  });

  it('drops ordinary comments (Word conditional comments)', () => {
    expect(sanitizePastedHtml('<!--[if gte mso 9]><xml>x</xml><![endif]--><p>Body</p>')).toBe('<p>Body</p>');
  });
});

describe('isTrackingImage', () => {
  it('does not flag ordinary images', () => {
    const img = document.createElement('img');
    img.setAttribute('src', 'https://cdn.example.com/photos/pixel-art.png');
    img.setAttribute('width', '640');
    expect(isTrackingImage(img)).toBe(false);
  });
});
