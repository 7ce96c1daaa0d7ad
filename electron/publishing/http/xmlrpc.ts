/**
 * XML-RPC (http://xmlrpc.com/spec.md): serializing a methodCall, reading a methodResponse, and
 * one call over HttpClient. Faults come back as `XmlRpcFault`; what a fault means is the
 * platform's business (WordPress: 403 = wrong login, 409 = stale edit…).
 */
import {
  childNamed,
  elementChildren,
  escapeXmlText,
  parseXml,
  textOf,
  XmlSyntaxError,
  type XmlElement,
} from './xml';
import { badResponse, errorFromResponse, isHtml, type HttpClient, type HttpRequest } from './HttpClient';

/** A `dateTime.iso8601` as written on the wire (`20261123T03:50:54`; XML-RPC has no zone). */
export class XmlRpcDateTime {
  constructor(readonly text: string) {}

  /** UTC ISO, reading a value without a zone as UTC (what WordPress sends for `*_gmt`). */
  toUtcIso(): string | null {
    const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      this.text.trim(),
    );
    if (!m) return null;
    const [, y, mo, d, h, mi, s, zone] = m;
    if (y === '0000') return null;
    const z =
      !zone || zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${z}`);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }

  /** A UTC instant in XML-RPC's form, without a zone (seconds; milliseconds are dropped). */
  static fromDate(date: Date): XmlRpcDateTime {
    if (Number.isNaN(date.getTime())) throw new TypeError('XML-RPC cannot send an invalid date');
    const iso = date.toISOString(); // 2026-11-23T03:50:54.123Z
    return new XmlRpcDateTime(`${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}`);
  }
}

export type XmlRpcValue =
  | string
  | number
  | boolean
  | null
  | XmlRpcDateTime
  | Uint8Array
  | XmlRpcValue[]
  | { [member: string]: XmlRpcValue };

/** What a caller may pass: also `Date` (sent as UTC) and `undefined` struct members (left out). */
export type XmlRpcParam = XmlRpcValue | Date | undefined | XmlRpcParam[] | { [member: string]: XmlRpcParam };

export class XmlRpcFault extends Error {
  override readonly name = 'XmlRpcFault';
  constructor(
    readonly faultCode: number,
    readonly faultString: string,
  ) {
    super(`XML-RPC fault ${faultCode}: ${faultString}`);
  }
}

// ------------------------------------------------------------------ writing

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function serializeValue(value: XmlRpcParam): string {
  if (value === null || value === undefined) return '<value><nil/></value>';
  if (typeof value === 'string') return `<value><string>${escapeXmlText(value)}</string></value>`;
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`XML-RPC cannot send ${value}`);
    if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX)
      return `<value><int>${value}</int></value>`;
    return `<value><double>${value}</double></value>`;
  }
  if (value instanceof Date) value = XmlRpcDateTime.fromDate(value);
  if (value instanceof XmlRpcDateTime) {
    return `<value><dateTime.iso8601>${escapeXmlText(value.text)}</dateTime.iso8601></value>`;
  }
  if (value instanceof Uint8Array) return `<value><base64>${base64(value)}</base64></value>`;
  if (Array.isArray(value))
    return `<value><array><data>${value.map(serializeValue).join('')}</data></array></value>`;
  if (typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<member><name>${escapeXmlText(k)}</name>${serializeValue(v)}</member>`);
    return `<value><struct>${members.join('')}</struct></value>`;
  }
  throw new TypeError(`XML-RPC cannot send a ${typeof value}`);
}

export function serializeMethodCall(method: string, params: readonly XmlRpcParam[]): string {
  if (!/^[A-Za-z0-9_.:/]+$/.test(method)) throw new TypeError(`Not an XML-RPC method name: ${method}`);
  const body = params.map((p) => `<param>${serializeValue(p)}</param>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>${method}</methodName><params>${body}</params></methodCall>`;
}

// ------------------------------------------------------------------ reading

function only(el: XmlElement, what: string): XmlElement {
  const kids = elementChildren(el);
  if (kids.length !== 1) throw new XmlSyntaxError(`<${el.name}> must hold exactly one ${what}`);
  return kids[0]!;
}

function setMember(target: Record<string, XmlRpcValue>, key: string, value: XmlRpcValue): void {
  // defineProperty, so a member named "__proto__" is just a member.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function decodeValue(valueEl: XmlElement): XmlRpcValue {
  if (valueEl.name !== 'value') throw new XmlSyntaxError(`expected <value>, found <${valueEl.name}>`);
  const kids = elementChildren(valueEl);
  if (kids.length === 0) return textOf(valueEl); // no type: a string, exactly as written
  if (kids.length > 1) throw new XmlSyntaxError('<value> holds more than one type');
  const typed = kids[0]!;
  const text = textOf(typed);
  switch (typed.name) {
    case 'string':
      return text;
    case 'int':
    case 'i4':
    case 'i8': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t))
        throw new XmlSyntaxError(`<${typed.name}> is not an integer: ${t.slice(0, 40)}`);
      return Number(t);
    }
    case 'double': {
      const t = text.trim();
      const num = Number(t);
      if (!t || Number.isNaN(num)) throw new XmlSyntaxError(`<double> is not a number: ${t.slice(0, 40)}`);
      return num;
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === '1' || t === 'true') return true;
      if (t === '0' || t === 'false') return false;
      throw new XmlSyntaxError(`<boolean> is neither 0 nor 1: ${t.slice(0, 40)}`);
    }
    case 'dateTime.iso8601':
      return new XmlRpcDateTime(text.trim());
    case 'base64': {
      const clean = text.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new XmlSyntaxError('<base64> is not base64');
      return new Uint8Array(Buffer.from(clean, 'base64'));
    }
    case 'nil':
      return null;
    case 'array': {
      const data = only(typed, '<data>');
      if (data.name !== 'data') throw new XmlSyntaxError('<array> must hold <data>');
      return elementChildren(data).map(decodeValue);
    }
    case 'struct': {
      const out: Record<string, XmlRpcValue> = {};
      for (const member of elementChildren(typed)) {
        if (member.name !== 'member') throw new XmlSyntaxError(`<struct> holds <${member.name}>`);
        const nameEl = childNamed(member, 'name');
        const valueEl = childNamed(member, 'value');
        if (!nameEl || !valueEl) throw new XmlSyntaxError('<member> without <name> or <value>');
        setMember(out, textOf(nameEl), decodeValue(valueEl));
      }
      return out;
    }
    default:
      throw new XmlSyntaxError(`unknown XML-RPC type <${typed.name}>`);
  }
}

/** The value of a methodResponse; throws XmlRpcFault for a fault, XmlSyntaxError for anything unreadable. */
export function parseMethodResponse(xml: string): XmlRpcValue {
  const root = parseXml(xml);
  if (root.name !== 'methodResponse')
    throw new XmlSyntaxError(`expected <methodResponse>, found <${root.name}>`);
  const body = only(root, '<params> or <fault>');
  if (body.name === 'fault') {
    const fault = decodeValue(only(body, '<value>'));
    if (!fault || typeof fault !== 'object' || Array.isArray(fault) || fault instanceof Uint8Array) {
      throw new XmlSyntaxError('<fault> does not hold a struct');
    }
    const f = fault as Record<string, XmlRpcValue>;
    const code = typeof f.faultCode === 'number' ? f.faultCode : Number(f.faultCode);
    return throwFault(
      Number.isFinite(code) ? code : 0,
      typeof f.faultString === 'string' ? f.faultString : '',
    );
  }
  if (body.name !== 'params') throw new XmlSyntaxError(`expected <params>, found <${body.name}>`);
  const param = only(body, '<param>');
  if (param.name !== 'param') throw new XmlSyntaxError('<params> must hold <param>');
  return decodeValue(only(param, '<value>'));
}

function throwFault(code: number, message: string): never {
  throw new XmlRpcFault(code, message);
}

// ------------------------------------------------------------------ calling

export interface XmlRpcCallOptions extends Pick<HttpRequest, 'timeoutMs' | 'signal'> {
  /** For NOT_FOUND messages: "the post". */
  what?: string;
}

/**
 * One XML-RPC call. Resolves with the value; rejects with XmlRpcFault for a fault (also when it
 * comes with an HTTP error status, as WordPress's "XML-RPC disabled" 405 does), or PublishError
 * when there is no usable answer. Never logs or echoes the request body: it holds the password.
 */
export async function callXmlRpc(
  http: HttpClient,
  url: string,
  method: string,
  params: readonly XmlRpcParam[],
  options: XmlRpcCallOptions = {},
): Promise<XmlRpcValue> {
  const res = await http.send({
    url,
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=UTF-8', accept: 'text/xml, application/xml' },
    body: new TextEncoder().encode(serializeMethodCall(method, params)),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.signal && { signal: options.signal }),
  });
  const xmlStart = res.text.search(/<\?xml|<methodResponse/);
  const looksXmlRpc = xmlStart !== -1 && res.text.includes('<methodResponse');
  if (looksXmlRpc) {
    try {
      // Anything before the XML (PHP notices printed by a plugin) is skipped.
      return parseMethodResponse(res.text.slice(xmlStart));
    } catch (error) {
      if (error instanceof XmlRpcFault) throw error;
      if (res.status >= 200 && res.status < 300) {
        throw badResponse(res, `not valid XML-RPC: ${(error as Error).message}`);
      }
    }
  }
  if (res.status < 200 || res.status >= 300) {
    throw errorFromResponse(res, {
      api: 'xmlrpc',
      ...(options.what !== undefined && { what: options.what }),
    });
  }
  throw badResponse(res, isHtml(res) ? 'a web page instead of XML-RPC' : 'no XML-RPC answer');
}
