/**
 * Test-only: a corpus of hostile HTML and Markdown, written for Signet's own pipelines (paste,
 * Markdown import, a post opened from a blog, compose for every platform). Each entry is a small
 * page an attacker could get onto the clipboard, into a Markdown file, or into a post on a blog
 * the author opens.
 *
 * Every script payload does the same thing when it runs: sets `window.__signetHostile` (or, for a
 * few, opens an `alert`), so an end-to-end test can tell that something ran. `benign` lists texts
 * of the entry that carry no danger and must survive (a link's words, the intro paragraph), so a
 * sanitizer that throws everything away does not pass.
 *
 * Nothing in the app imports this file.
 */

/** The window property a payload sets when it runs. */
export const HOSTILE_FLAG = '__signetHostile';

/** The script every payload runs: no spaces and no quotes, so it fits any attribute or URL. */
export const PAYLOAD = `window.${HOSTILE_FLAG}=1`;

/** A loopback port nobody listens on, for "outside" addresses that must never be fetched. */
export const DEAD_ORIGIN = 'http://127.0.0.1:9';

export type HostileCategory =
  | 'script'
  | 'event-handler'
  | 'url-scheme'
  | 'encoding'
  | 'svg-mathml'
  | 'frame-object'
  | 'css'
  | 'mutation'
  | 'document'
  | 'form'
  | 'platform'
  | 'markdown';

export interface HostileEntry {
  /** Unique, kebab-case: the test's name. */
  name: string;
  category: HostileCategory;
  /** The hostile source: HTML, or Markdown for `category: 'markdown'`. */
  source: string;
  /** Texts that must survive sanitizing (in the editor's or the composed text). */
  benign: string[];
}

const b64 = (text: string): string => btoa(text);
const entities = (text: string, form: 'dec' | 'hex' | 'pad' | 'nosemi'): string =>
  Array.from(text)
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (form === 'dec') return `&#${code};`;
      if (form === 'hex') return `&#x${code.toString(16)};`;
      if (form === 'pad') return `&#${String(code).padStart(7, '0')};`;
      return `&#x${code.toString(16)}`;
    })
    .join('');
const SCRIPT_PAGE = `<script>${PAYLOAD}</script>`;
const SVG_SCRIPT_DOC = `<svg xmlns="http://www.w3.org/2000/svg" onload="${PAYLOAD}"><script>${PAYLOAD}</script></svg>`;

const html = (
  name: string,
  category: HostileCategory,
  source: string,
  benign: string[] = [],
): HostileEntry => ({
  name,
  category,
  source,
  benign,
});

export const HOSTILE_HTML: HostileEntry[] = [
  // Script elements, plain and disguised.
  html('script-plain', 'script', `<p>Intro words</p>${SCRIPT_PAGE}<p>Outro words</p>`, ['Intro words', 'Outro words']),
  html('script-src-uppercase', 'script', `<p>Intro words</p><SCRIPT SRC=${DEAD_ORIGIN}/x.js></SCRIPT>`, ['Intro words']),
  html('script-split-name', 'script', `<p>Intro words</p><scr<script>${PAYLOAD}</script>ipt>${PAYLOAD}</scr</script>ipt>`, ['Intro words']),
  html('script-in-attribute-less-tag', 'script', `<p>Intro words<script/x>${PAYLOAD}</script></p>`, ['Intro words']),
  html('script-module', 'script', `<p>Intro words</p><script type="module">${PAYLOAD}</script>`, ['Intro words']),
  html('script-in-table', 'script', `<table><tr><td>Cell words</td><script>${PAYLOAD}</script></tr></table>`, ['Cell words']),
  html('script-null-byte', 'script', `<p>Intro words</p><scri\u0000pt>${PAYLOAD}</scri\u0000pt>`, ['Intro words']),

  // Event handlers.
  html('img-onerror', 'event-handler', `<p>Intro words</p><img src=x onerror="${PAYLOAD}">`, ['Intro words']),
  html('img-onerror-slashes', 'event-handler', `<p>Intro words</p><img/src=x/onerror=${PAYLOAD}>`, ['Intro words']),
  html('img-onerror-web-src', 'event-handler', `<p>Intro words</p><img src="${DEAD_ORIGIN}/a.png" alt="Harbour" onerror="${PAYLOAD}">`, ['Intro words']),
  html('body-onload', 'event-handler', `<body onload="${PAYLOAD}"><p>Body words</p></body>`, ['Body words']),
  html('p-onclick-backtick', 'event-handler', `<p onclick=\`${PAYLOAD}\` onmouseover=${PAYLOAD}>Paragraph words</p>`, ['Paragraph words']),
  html('link-onclick-web-href', 'event-handler', `<p><a href="https://example.com/ok" onclick="${PAYLOAD}">good link</a></p>`, ['good link']),
  html('details-ontoggle', 'event-handler', `<details open ontoggle="${PAYLOAD}"><summary>Summary words</summary>Detail words</details>`, ['Detail words']),
  html('input-autofocus-onfocus', 'event-handler', `<p>Intro words</p><input autofocus onfocus="${PAYLOAD}">`, ['Intro words']),
  html('marquee-onstart', 'event-handler', `<marquee onstart="${PAYLOAD}">Marquee words</marquee>`, ['Marquee words']),
  html('video-source-onerror', 'event-handler', `<p>Intro words</p><video><source onerror="${PAYLOAD}"></video>`, ['Intro words']),
  html('audio-onerror', 'event-handler', `<p>Intro words</p><audio src=x onerror="${PAYLOAD}"></audio>`, ['Intro words']),
  html('custom-element-handler', 'event-handler', `<x-card onpointerenter="${PAYLOAD}" style="display:block">Card words</x-card>`, ['Card words']),
  html('handler-with-null', 'event-handler', `<p>Intro words</p><img src=x o\u0000nerror="${PAYLOAD}">`, ['Intro words']),
  html('handler-newline-name', 'event-handler', `<p>Intro words</p><img src=x\nonerror\n=\n"${PAYLOAD}">`, ['Intro words']),
  html('animation-handler', 'event-handler', `<style>@keyframes k{}</style><b style="animation-name:k" onanimationstart="${PAYLOAD}">Bold words</b>`, ['Bold words']),

  // Dangerous URL schemes in links, images and anything with a URL.
  html('a-javascript', 'url-scheme', `<p><a href="javascript:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-javascript-mixed-case-spaces', 'url-scheme', `<p><a href="  JaVaScRiPt:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-javascript-tab-inside', 'url-scheme', `<p><a href="jav\tascript:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-javascript-newline-inside', 'url-scheme', `<p><a href="java\nscript:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-javascript-leading-control', 'url-scheme', `<p><a href="\u0001\u0010javascript:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-javascript-comment-url', 'url-scheme', `<p><a href="javascript://example.com/%0a${PAYLOAD}">link words</a></p>`, ['link words']),
  html('a-vbscript', 'url-scheme', `<p><a href="vbscript:msgbox(1)">link words</a></p>`, ['link words']),
  html('a-data-html-base64', 'url-scheme', `<p><a href="data:text/html;base64,${b64(SCRIPT_PAGE)}">link words</a></p>`, ['link words']),
  html('a-data-html-plain', 'url-scheme', `<p><a href="data:text/html,${SCRIPT_PAGE}">link words</a></p>`, ['link words']),
  html('a-data-svg', 'url-scheme', `<p><a href="data:image/svg+xml;base64,${b64(SVG_SCRIPT_DOC)}">link words</a></p>`, ['link words']),
  html('img-src-javascript', 'url-scheme', `<p>Intro words</p><img src="javascript:${PAYLOAD}" alt="x">`, ['Intro words']),
  html('img-src-data-svg', 'url-scheme', `<p>Intro words</p><img src="data:image/svg+xml;base64,${b64(SVG_SCRIPT_DOC)}" alt="x">`, ['Intro words']),
  html('img-srcset-javascript', 'url-scheme', `<p>Intro words</p><img src="https://example.com/a.png" srcset="javascript:${PAYLOAD} 1x, data:text/html,x 2x" alt="A harbour">`, ['Intro words']),
  html('img-lowsrc-dynsrc', 'url-scheme', `<p>Intro words</p><img lowsrc="javascript:${PAYLOAD}" dynsrc="javascript:${PAYLOAD}">`, ['Intro words']),
  html('a-blob-and-file', 'url-scheme', `<p><a href="blob:https://example.com/x">blob words</a> <a href="file:///etc/passwd">file words</a></p>`, ['blob words', 'file words']),
  html('area-javascript', 'url-scheme', `<map name=m><area shape=rect coords=0,0,9,9 href="javascript:${PAYLOAD}"></map><p>Intro words</p>`, ['Intro words']),

  // Encodings of javascript:, single and nested.
  html('entity-decimal', 'encoding', `<p><a href="${entities('javascript:', 'dec')}${PAYLOAD}">link words</a></p>`, ['link words']),
  html('entity-hex', 'encoding', `<p><a href="${entities('javascript:', 'hex')}${PAYLOAD}">link words</a></p>`, ['link words']),
  html('entity-padded', 'encoding', `<p><a href="${entities('javascript:', 'pad')}${PAYLOAD}">link words</a></p>`, ['link words']),
  html('entity-hex-no-semicolon', 'encoding', `<p><a href="${entities('javascript:', 'nosemi')}${PAYLOAD}">link words</a></p>`, ['link words']),
  html('entity-named-colon-tab', 'encoding', `<p><a href="javascript&colon;${PAYLOAD}">one</a> <a href="java&Tab;script:${PAYLOAD}">two</a> <a href="java&NewLine;script:${PAYLOAD}">three</a></p>`, ['one', 'two', 'three']),
  html('entity-double-encoded', 'encoding', `<p><a href="&amp;#106;avascript:${PAYLOAD}">link words</a></p>`, ['link words']),
  html('percent-encoded-payload', 'encoding', `<p><a href="javascript:%77indow.__signetHostile%3D1">link words</a></p>`, ['link words']),
  html('percent-encoded-scheme', 'encoding', `<p><a href="javascript%3A${PAYLOAD}">one</a> <a href="%6Aavascript:${PAYLOAD}">two</a></p>`, ['one', 'two']),
  html('unicode-escape-in-js-url', 'encoding', `<p><a href="javascript:\\u0077indow.__signetHostile=1">link words</a></p>`, ['link words']),
  html('fullwidth-brackets', 'encoding', `<p>＜script＞${PAYLOAD}＜/script＞ Fullwidth words</p>`, ['Fullwidth words']),
  html('utf7-script', 'encoding', `<p>+ADw-script+AD4-${PAYLOAD}+ADw-/script+AD4- Seven words</p>`, ['Seven words']),
  html('escaped-text-stays-text', 'encoding', `<p>&lt;script&gt;${PAYLOAD}&lt;/script&gt; Shown words</p>`, ['Shown words']),
  html('attribute-breakout-alt', 'encoding', `<p>Intro words</p><img src="https://example.com/a.png" alt='"><script>${PAYLOAD}</script><img src=x onerror=${PAYLOAD} alt="'>`, ['Intro words']),
  html('attribute-breakout-href', 'encoding', `<p><a href='https://example.com/"><script>${PAYLOAD}</script>'>link words</a></p>`, ['link words']),

  // SVG and MathML, namespace confusion.
  html('svg-onload', 'svg-mathml', `<p>Intro words</p><svg onload="${PAYLOAD}"></svg>`, ['Intro words']),
  html('svg-script', 'svg-mathml', `<p>Intro words</p><svg><script>${PAYLOAD}</script></svg><p>Outro words</p>`, ['Intro words']),
  html('svg-script-href', 'svg-mathml', `<p>Intro words</p><svg><script href="data:,${PAYLOAD}"></script><script xlink:href="data:,${PAYLOAD}"></script></svg>`, ['Intro words']),
  html('svg-a-xlink-href', 'svg-mathml', `<p>Intro words</p><svg><a xlink:href="javascript:${PAYLOAD}"><text x="9" y="9">svg link</text></a></svg>`, ['Intro words']),
  html('svg-animate-href', 'svg-mathml', `<p>Intro words</p><svg><a><animate attributeName="href" values="javascript:${PAYLOAD}"/><text x="9" y="9">svg link</text></a></svg>`, ['Intro words']),
  html('svg-set-handler', 'svg-mathml', `<p>Intro words</p><svg><set attributeName="onmouseover" to="${PAYLOAD}"/></svg>`, ['Intro words']),
  html('svg-use-data', 'svg-mathml', `<p>Intro words</p><svg><use href="data:image/svg+xml;base64,${b64(SVG_SCRIPT_DOC)}#x"/></svg>`, ['Intro words']),
  html('svg-foreignobject-iframe', 'svg-mathml', `<p>Intro words</p><svg><foreignObject><iframe srcdoc="&lt;script&gt;${PAYLOAD}&lt;/script&gt;"></iframe><img src=x onerror="${PAYLOAD}"></foreignObject></svg>`, ['Intro words']),
  html('svg-style-breakout', 'svg-mathml', `<p>Intro words</p><svg></p><style><a id="</style><img src=x onerror=${PAYLOAD}>">`, ['Intro words']),
  html('math-mglyph-style', 'svg-mathml', `<p>Intro words</p><math><mtext><table><mglyph><style><img src=x onerror="${PAYLOAD}">`, ['Intro words']),
  html('math-mtext-form', 'svg-mathml', `<p>Intro words</p><form><math><mtext></form><form><mglyph><style></math><img src=x onerror="${PAYLOAD}">`, ['Intro words']),
  html('math-href', 'svg-mathml', `<p>Intro words</p><math href="javascript:${PAYLOAD}"><mi xlink:href="javascript:${PAYLOAD}">x</mi></math>`, ['Intro words']),
  html('math-annotation-xml', 'svg-mathml', `<p>Intro words</p><math><annotation-xml encoding="text/html"><img src=x onerror="${PAYLOAD}"></annotation-xml></math>`, ['Intro words']),

  // Frames, objects, embeds.
  html('iframe-javascript', 'frame-object', `<p>Intro words</p><iframe src="javascript:${PAYLOAD}"></iframe>`, ['Intro words']),
  html('iframe-srcdoc', 'frame-object', `<p>Intro words</p><iframe srcdoc="&lt;script&gt;parent.${PAYLOAD}&lt;/script&gt;"></iframe>`, ['Intro words']),
  html('iframe-data', 'frame-object', `<p>Intro words</p><iframe src="data:text/html;base64,${b64(SCRIPT_PAGE)}"></iframe>`, ['Intro words']),
  html('iframe-youtube-onload', 'frame-object', `<p>Intro words</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" onload="${PAYLOAD}"></iframe>`, ['Intro words']),
  html('frameset-onload', 'frame-object', `<frameset onload="${PAYLOAD}"><frame src="javascript:${PAYLOAD}"></frameset>`),
  html('object-data-javascript', 'frame-object', `<p>Intro words</p><object data="javascript:${PAYLOAD}"></object>`, ['Intro words']),
  html('object-data-html', 'frame-object', `<p>Intro words</p><object data="data:text/html;base64,${b64(SCRIPT_PAGE)}"><param name=x value=y></object>`, ['Intro words']),
  html('embed-svg', 'frame-object', `<p>Intro words</p><embed src="data:image/svg+xml;base64,${b64(SVG_SCRIPT_DOC)}" type="image/svg+xml">`, ['Intro words']),
  html('embed-javascript', 'frame-object', `<p>Intro words</p><embed src="javascript:${PAYLOAD}">`, ['Intro words']),
  html('portal-and-applet', 'frame-object', `<p>Intro words</p><portal src="javascript:${PAYLOAD}"></portal><applet code="x.class"></applet>`, ['Intro words']),

  // CSS.
  html('style-expression', 'css', `<p style="width:expression(${PAYLOAD})">Styled words</p>`, ['Styled words']),
  html('style-url-javascript', 'css', `<p style="background-image:url('javascript:${PAYLOAD}')">Styled words</p>`, ['Styled words']),
  html('style-escaped-expression', 'css', `<p style="width:exp\\72 ession(${PAYLOAD})">Styled words</p>`, ['Styled words']),
  html('style-behavior-binding', 'css', `<p style="behavior:url(x.htc);-moz-binding:url(${DEAD_ORIGIN}/x.xml#x)">Styled words</p>`, ['Styled words']),
  html('style-element-import', 'css', `<style>@import 'javascript:${PAYLOAD}';p{background:url(javascript:${PAYLOAD})}</style><p>Styled words</p>`, ['Styled words']),
  html('style-bold-with-url', 'css', `<p><span style="font-weight:700;background:url(javascript:${PAYLOAD})">Bold words</span></p>`, ['Bold words']),

  // Mutation XSS: raw-text elements and comments whose end hides in an attribute.
  html('noscript-breakout', 'mutation', `<p>Intro words</p><noscript><p title="</noscript><img src=x onerror=${PAYLOAD}>"></noscript>`, ['Intro words']),
  html('title-breakout', 'mutation', `<p>Intro words</p><title><a title="</title><img src=x onerror=${PAYLOAD}>"></title>`, ['Intro words']),
  html('textarea-breakout', 'mutation', `<p>Intro words</p><textarea><a title="</textarea><img src=x onerror=${PAYLOAD}>"></textarea>`, ['Intro words']),
  html('style-breakout', 'mutation', `<p>Intro words</p><style><a title="</style><img src=x onerror=${PAYLOAD}>"></style>`, ['Intro words']),
  html('iframe-breakout', 'mutation', `<p>Intro words</p><iframe><a title="</iframe><img src=x onerror=${PAYLOAD}>"></iframe>`, ['Intro words']),
  html('xmp-breakout', 'mutation', `<p>Intro words</p><xmp><a title="</xmp><img src=x onerror=${PAYLOAD}>"></xmp>`, ['Intro words']),
  html('comment-breakout', 'mutation', `<p>Intro words</p><!--><img src=x onerror=${PAYLOAD}>-->`, ['Intro words']),
  html('comment-in-attribute', 'mutation', `<p>Intro words</p><a title="<!--"><img src=x onerror=${PAYLOAD}>-->"></a>`, ['Intro words']),
  html('cdata-breakout', 'mutation', `<p>Intro words</p><![CDATA[><img src=x onerror=${PAYLOAD}>]]>`, ['Intro words']),
  html('template-content', 'mutation', `<p>Intro words</p><template><img src=x onerror="${PAYLOAD}"><script>${PAYLOAD}</script></template>`, ['Intro words']),
  html('template-shadow-root', 'mutation', `<div><template shadowrootmode="open"><img src=x onerror="${PAYLOAD}"></template><p>Host words</p></div>`, ['Host words']),
  html('plaintext-tail', 'mutation', `<p>Intro words</p><plaintext><img src=x onerror=${PAYLOAD}>`, ['Intro words']),
  html('select-breakout', 'mutation', `<p>Intro words</p><select><template><style><img src=x onerror="${PAYLOAD}"></style></template></select>`, ['Intro words']),
  html('nested-forms-table', 'mutation', `<table><td><form><td></form><img src=x onerror="${PAYLOAD}">Cell words</td></table>`),
  html('dom-clobbering', 'mutation', `<p>Intro words</p><img name="attributes"><form id="x" name="nodeName"><input id="attributes"></form><a id="__signetHostile" href="https://example.com/">clobber words</a>`, ['Intro words', 'clobber words']),

  // Document-level tags.
  html('meta-refresh-javascript', 'document', `<meta http-equiv="refresh" content="0;url=javascript:${PAYLOAD}"><p>Intro words</p>`, ['Intro words']),
  html('meta-refresh-data', 'document', `<meta http-equiv="refresh" content="0; URL=data:text/html;base64,${b64(SCRIPT_PAGE)}"><p>Intro words</p>`, ['Intro words']),
  html('base-href', 'document', `<base href="javascript:/${PAYLOAD}//"><p><a href="relative">link words</a></p>`, ['link words']),
  html('link-import', 'document', `<link rel="import" href="data:text/html,${SCRIPT_PAGE}"><p>Intro words</p>`, ['Intro words']),
  html('link-stylesheet-javascript', 'document', `<link rel="stylesheet" href="javascript:${PAYLOAD}"><p>Intro words</p>`, ['Intro words']),
  html('html-head-body', 'document', `<html><head><script>${PAYLOAD}</script></head><body onpageshow="${PAYLOAD}"><p>Body words</p></body></html>`, ['Body words']),

  // Forms.
  html('form-action', 'form', `<p>Intro words</p><form action="javascript:${PAYLOAD}"><button>Go</button></form>`, ['Intro words']),
  html('button-formaction', 'form', `<p>Intro words</p><button formaction="javascript:${PAYLOAD}" form="f">Go</button>`, ['Intro words']),
  html('isindex-action', 'form', `<p>Intro words</p><isindex action="javascript:${PAYLOAD}" type="image">`, ['Intro words']),
  html('input-image-src', 'form', `<p>Intro words</p><input type="image" src="javascript:${PAYLOAD}">`, ['Intro words']),

  // Shapes of a blog's own markup, with something hostile inside.
  html('gutenberg-html-block', 'platform', `<!-- wp:paragraph --><p>Block words</p><!-- /wp:paragraph --><!-- wp:html --><script>${PAYLOAD}</script><img src=x onerror="${PAYLOAD}"><!-- /wp:html -->`, ['Block words']),
  html('more-comment-with-handler', 'platform', `<p>Intro words</p><!--more onload="${PAYLOAD}"--><!--more--><p>Outro words</p>`, ['Intro words', 'Outro words']),
  html('wp-embed-javascript', 'platform', `<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">javascript:${PAYLOAD}</div></figure><p>Intro words</p>`, ['Intro words']),
  html('wp-embed-youtube-lookalike', 'platform', `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">javascript://www.youtube.com/watch?v=x%0a${PAYLOAD}</div></figure><p>Intro words</p>`, ['Intro words']),
  html('ghost-card-iframe', 'platform', `<figure class="kg-card kg-embed-card"><iframe src="javascript:${PAYLOAD}" onload="${PAYLOAD}"></iframe></figure><p>Intro words</p>`, ['Intro words']),
  html('tweet-embed-script', 'platform', `<blockquote class="twitter-tweet"><p>Tweet words</p><a href="javascript:${PAYLOAD}">date</a></blockquote><script async src="${DEAD_ORIGIN}/widgets.js"></script>`, ['Tweet words']),
  html('code-language-injection', 'platform', `<pre class='language-js" onmouseover="${PAYLOAD}'><code class="language-x&quot; onclick=&quot;${PAYLOAD}">&lt;script&gt;code&lt;/script&gt;</code></pre>`, ['code']),
  html('figure-caption-script', 'platform', `<figure><img src="https://example.com/a.png" alt="Gull" onload="${PAYLOAD}"><figcaption>Caption words<script>${PAYLOAD}</script></figcaption></figure>`, ['Caption words']),
  html('table-handlers', 'platform', `<table onmouseover="${PAYLOAD}"><tr><th background="javascript:${PAYLOAD}">Head words</th></tr><tr><td onclick="${PAYLOAD}">Cell words</td></tr></table>`, ['Head words', 'Cell words']),
  // Found by the fuzz run: a block alone in a list item made opening the post throw.
  html('list-item-lone-image', 'platform', `<ul><li><img src="https://example.com/a.png" alt="Gull" onerror="${PAYLOAD}"></li><li><!--more--></li><li>List words</li></ul>`, ['List words']),
  // Found by the 1,000,000-input fuzz: a stray <li> (outside any list) holding a read-more break
  // or an image; hoisting the block split a list item that had no list ("Open from blog" crashed).
  html('list-item-stray-break', 'platform', `<p><li>Loose words<!--more-->After<img src=x onerror="${PAYLOAD}">`, ['Loose words', 'After']),
  html('list-item-in-paragraph', 'platform', `<p><li><!--more--><li>Loose words<img src=x onerror="${PAYLOAD}">`, ['Loose words']),
  // Found by the 1,000,000-input fuzz (batch seed 796906633): a stray <li> in bold in a heading in a
  // stray <li>; Lexical's own fix-up of the items threw while importing and the paste failed.
  html('list-item-in-heading', 'platform', `<li style="font-weight:700"/><h2><li onclick="${PAYLOAD}">Deep words</li>uJ--<button/style='-moz-binding:url(x)'/></h2>`, ['Deep words', 'uJ--']),
  // Found by the 1,000,000-input fuzz (batch seed 1782884138): a stray <li> in a table cell before a
  // list holding an image; "Open from blog" threw lifting the image out of the list.
  html('list-item-stray-in-cell', 'platform', `<td>Before<li>Loose</li><ul><li><img src="https://example.com/a.png" alt="Gull" onerror="${PAYLOAD}"></li><li><!--more--></li><li>List words</li></ul><javascript:${PAYLOAD}></td>`, ['Before', 'List words']),
  // Found by the 1,000,000-input fuzz (batch seed 1661265737): <code> around a <p> nested a
  // paragraph in a paragraph, and the static site's Markdown joined the code spans around it.
  html('code-around-paragraph', 'platform', `<code>--><p>window.x=1\`></p>&lt;script&gt;![i](javascript:${PAYLOAD})</code>`, ['window.x=1']),
  // Found by the 1,000,000-input fuzz (seed 158327692): <code> around a quote and a list left both
  // in one paragraph, and the static site's Markdown ran their code spans together.
  html('code-around-quote-and-list', 'platform', `<code>Tweet<blockquote>words</blockquote><ul><li>[x](javascript:${PAYLOAD}))\`53</li><li>.&F)l[x](javascript:alert(1))</li></ul></code>`, ['Tweet', 'words']),
  // Found by the 1,000,000-input fuzz (batch seeds 1661265743 and 1958413079): the same <code>
  // around a quote and a list, inside a stray <li>; the list item kept both, and the Markdown ran
  // their code spans together.
  html('code-around-quote-and-list-in-item', 'platform', `<li/style="x:exp/**/ression(${PAYLOAD})"><code>Tweet<blockquote>words</blockquote><ul><li>[x](javascript:${PAYLOAD}))\`53</li><li>.&F)l[x](javascript:alert(1))</li></ul></code></li>![i](javascript:${PAYLOAD})`, ['Tweet', 'words']),
  // Found by the 1,000,000-input fuzz (batch seeds 1472195082 and 202611975): the same <code> in a
  // stray <td>; the cell kept its blocks inside a paragraph and the Markdown ran them together.
  html('code-around-quote-and-list-in-stray-cell', 'platform', `<TD>&lt;script&gt;<code>Tweet<blockquote>words</blockquote><ul><li>[x](javascript:${PAYLOAD}))\`53</li><li>.&F)l[x](javascript:alert(1))</li></ul></code></TD>`, ['Tweet', 'words']),
  // Found by the 1,000,000-input fuzz (batch seed 2052948338): a stray <td> holding a <li>, in a list;
  // "Open from blog" threw taking the cell apart.
  html('list-item-in-stray-cell-in-list', 'platform', `<UL/><td / onclick='${PAYLOAD}'><LI style="width:expression(${PAYLOAD})"><I>List words</I></LI><form/><MATH / action=javascript:${PAYLOAD}></MATH><TD>&lt;script&gt;<code>Tweet<blockquote>words</blockquote></code></TD>`, ['List words']),
  // Found by the 1,000,000-input fuzz (batch seed 216153391): stray <li>s in a heading in a list;
  // Lexical's fix-up of them removed the heading, its item and its list, then split at the list.
  html('list-items-in-heading-in-list', 'platform', `<ul><h2>3k<p><li><!--more--><li onclick="${PAYLOAD}">Heading words<img src=x onerror="${PAYLOAD}"></ul>`, ['3k', 'Heading words']),
  // Found by the 1,000,000-input fuzz (batch seed 1094053664): an empty list from `<UL/>` in a table,
  // and Markdown link syntax in a cell written as it was inside the table's HTML block.
  html('markdown-link-in-table-cell', 'platform', `<table onload="${PAYLOAD}"><UL/><tr background="javascript:${PAYLOAD}"><TD>Cell words<P onfocus="${PAYLOAD}">[x](javascript:alert(1))</P></TD></tr></table>`, ['Cell words']),
  // Found by the 1,000,000-input fuzz (batch seed 2080030833): inline code holding backticks, at a
  // line's start, then a code block of image syntax: the Markdown must keep both code.
  html('code-span-then-code-block', 'platform', `<CODE onclick="${PAYLOAD}">x\`/a=\`\`>| a | b |<pre>![i](javascript:${PAYLOAD})![i](javascript:${PAYLOAD})</pre></CODE><H2>Heading words</H2>`, ['Heading words']),
  // Found by the 1,000,000-input fuzz (batch seed 158327709): a list and a stray cell in a code block;
  // "Open from blog" threw in Lexical's fix-up of the list items.
  html('list-in-code-block', 'platform', `<PRE><ul style="width:expression(${PAYLOAD})"><td>Before<li>Loose</li><ul><li><img src="https://example.com/a.png" alt="Gull" onerror="${PAYLOAD}"></li><li><!--more--></li><li>List words</li></ul><javascript:${PAYLOAD}></td>`, ['Before', 'List words']),
  html('youtube-link-javascript', 'platform', `<p><a href="javascript:${PAYLOAD}">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>`, ['https://www.youtube.com/watch?v=dQw4w9WgXcQ']),
]; // prettier-ignore

const markdown = (name: string, source: string, benign: string[] = []): HostileEntry => ({
  name,
  category: 'markdown',
  source,
  benign,
});

/** Markdown whose own syntax (links, images, autolinks, definitions, raw HTML) carries the attack. */
export const HOSTILE_MARKDOWN: HostileEntry[] = [
  markdown('md-link-javascript', `Intro words [link words](javascript:${PAYLOAD})`, ['Intro words', 'link words']),
  markdown('md-link-javascript-upper', `Intro words [link words](JAVASCRIPT:${PAYLOAD})`, ['Intro words', 'link words']),
  markdown('md-link-angle-destination', `Intro words [link words](<javascript:${PAYLOAD}>)`, ['Intro words', 'link words']),
  markdown('md-link-entity-scheme', `Intro words [link words](&#106;avascript:${PAYLOAD})`, ['Intro words', 'link words']),
  markdown('md-link-escaped-colon', `Intro words [link words](javascript\\:${PAYLOAD})`, ['Intro words', 'link words']),
  markdown('md-link-data', `Intro words [link words](data:text/html;base64,${b64(SCRIPT_PAGE)})`, ['Intro words', 'link words']),
  markdown('md-image-javascript', `Intro words\n\n![alt words](javascript:${PAYLOAD})`, ['Intro words']),
  markdown('md-image-data-svg', `Intro words\n\n![alt words](data:image/svg+xml;base64,${b64(SVG_SCRIPT_DOC)})`, ['Intro words']),
  markdown('md-image-title-breakout', `Intro words\n\n![alt words](https://example.com/a.png "x\\" onerror=\\"${PAYLOAD}")`, ['Intro words']),
  markdown('md-autolink-javascript', `Intro words <javascript:${PAYLOAD}>`, ['Intro words']),
  markdown('md-reference-definition', `Intro words [link words][x]\n\n[x]: javascript:${PAYLOAD}`, ['Intro words']),
  markdown('md-inline-html', `Intro words <img src=x onerror="${PAYLOAD}"> and <script>${PAYLOAD}</script>`, ['Intro words']),
  markdown('md-html-block', `Intro words\n\n<div onmouseover="${PAYLOAD}">\n\nBlock words\n\n</div>\n\n<iframe src="javascript:${PAYLOAD}"></iframe>`, ['Intro words', 'Block words']),
  markdown('md-table-html-block', `Intro words\n\n<table onmouseover="${PAYLOAD}"><tr><td><img src=x onerror="${PAYLOAD}">Cell words</td></tr></table>`, ['Intro words', 'Cell words']),
  markdown('md-figure-html-block', `Intro words\n\n<figure><img src="javascript:${PAYLOAD}" onerror="${PAYLOAD}"><figcaption>Caption words<script>${PAYLOAD}</script></figcaption></figure>`, ['Intro words', 'Caption words']),
  markdown('md-code-fence-info', '```js" onmouseover="' + PAYLOAD + '\nconst x = 1;\n```\n\nOutro words', ['Outro words']),
  markdown('md-heading-link', `## Heading words [link words](vbscript:msgbox(1))`, ['Heading words', 'link words']),
  markdown('md-nested-emphasis-link', `Intro *words [**bold link**](javascript:${PAYLOAD})*`, ['Intro', 'bold link']),
]; // prettier-ignore

/** Every entry, HTML first. */
export const HOSTILE_CORPUS: HostileEntry[] = [...HOSTILE_HTML, ...HOSTILE_MARKDOWN];
