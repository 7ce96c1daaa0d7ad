/**
 * A small, strict-enough XML reader for XML-RPC answers: elements, text, entities, CDATA,
 * comments and processing instructions. Attributes are skipped (XML-RPC has none that matter)
 * and a DOCTYPE is refused, so no entity expansion can happen. Not a general XML parser.
 */

export interface XmlElement {
  /** The local name (a namespace prefix like `ex:` is dropped). */
  name: string;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces XML's five named entities and numeric references; anything else stays as written. */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0)
        return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_.:]*/y;

export function parseXml(input: string): XmlElement {
  const text = input.replace(/^\uFEFF/, '');
  const root: XmlElement = { name: '#document', children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = text.length;

  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new XmlSyntaxError(`${what} (line ${line})`);
  };
  const top = (): XmlElement => stack[stack.length - 1]!;
  const localName = (qname: string): string => qname.slice(qname.lastIndexOf(':') + 1);

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      const rest = text.slice(i);
      if (stack.length > 1) fail('the document ends inside an element');
      if (rest.trim()) fail('text after the root element');
      break;
    }
    if (lt > i) {
      const raw = text.slice(i, lt);
      if (stack.length === 1) {
        if (raw.trim()) fail('text outside the root element');
      } else top().children.push(decodeXmlEntities(raw));
    }
    i = lt;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) fail('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) fail('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) fail('unterminated CDATA section');
      if (stack.length === 1) fail('CDATA outside the root element');
      top().children.push(text.slice(i + 9, end));
      i = end + 3;
    } else if (text.startsWith('<!', i)) {
      fail('DOCTYPE and other declarations are not allowed');
    } else if (text.startsWith('</', i)) {
      NAME.lastIndex = i + 2;
      const m = NAME.exec(text);
      if (!m) fail('bad closing tag');
      const name = localName(m![0]);
      let j = NAME.lastIndex;
      while (j < n && /\s/.test(text[j]!)) j++;
      if (text[j] !== '>') fail(`bad closing tag </${m![0]}`);
      if (stack.length === 1 || top().name !== name) fail(`</${m![0]}> does not close <${top().name}>`);
      stack.pop();
      i = j + 1;
    } else {
      NAME.lastIndex = i + 1;
      const m = NAME.exec(text);
      if (!m) fail('bad opening tag');
      let j = NAME.lastIndex;
      // Skip attributes, honouring quotes (a '>' inside a quoted value does not end the tag).
      let quote: string | null = null;
      for (; j < n; j++) {
        const c = text[j]!;
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>' || (c === '/' && text[j + 1] === '>')) break;
        else if (c === '<') fail('"<" inside a tag');
      }
      if (j >= n) fail('unterminated tag');
      if (stack.length === 1 && root.children.length > 0) fail('more than one root element');
      const element: XmlElement = { name: localName(m![0]), children: [] };
      top().children.push(element);
      if (text[j] === '/') {
        i = j + 2;
      } else {
        stack.push(element);
        i = j + 1;
      }
    }
  }
  if (stack.length > 1) fail(`<${top().name}> is never closed`);
  const first = root.children[0];
  if (!first || typeof first === 'string') fail('no root element');
  return first as XmlElement;
}

export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return elementChildren(el).find((c) => c.name === name);
}

/** Characters XML 1.0 cannot carry at all (not even as references): dropped. */
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for element content; CR kept as a reference so XML's newline handling keeps it. */
export function escapeXmlText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}
