/**
 * The XML-RPC codec: what Signet sends must reach WordPress byte for byte, and what WordPress
 * sends back must be read exactly — or refused, never guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './HttpClient';
import type { PublishError } from './PublishError';
import { startHttp, type Loopback } from './testing/loopback';
import { parseXml, XmlSyntaxError } from './xml';
import {
  callXmlRpc,
  parseMethodResponse,
  serializeMethodCall,
  serializeValue,
  XmlRpcDateTime,
  XmlRpcFault,
  type XmlRpcParam,
} from './xmlrpc';

/** Wraps serialized params as a response, so what we write is read back by our reader. */
function roundTrip(value: XmlRpcParam) {
  const call = serializeMethodCall('x.y', [value]);
  const params = /<params>([\s\S]*)<\/params>/.exec(call)![1];
  return parseMethodResponse(
    `<?xml version="1.0"?><methodResponse><params>${params}</params></methodResponse>`,
  );
}

const response = (value: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<methodResponse>\n  <params>\n    <param>\n      <value>\n      ${value}\n      </value>\n    </param>\n  </params>\n</methodResponse>\n`;

describe('writing', () => {
  it('escapes markup in strings and struct member names', () => {
    expect(serializeValue('<p>Fish & "chips"</p> ]]>')).toBe(
      '<value><string>&lt;p&gt;Fish &amp; "chips"&lt;/p&gt; ]]&gt;</string></value>',
    );
    expect(serializeValue({ 'a<b': 1 })).toBe(
      '<value><struct><member><name>a&lt;b</name><value><int>1</int></value></member></struct></value>',
    );
  });

  it('keeps carriage returns (as &#13;) and drops characters XML cannot carry', () => {
    expect(serializeValue('a\r\nb\u0000c\u001Fd\tе')).toBe('<value><string>a&#13;\nbcd\tе</string></value>');
    expect(roundTrip('line1\r\nline2')).toBe('line1\r\nline2');
  });

  it('writes numbers as int (32-bit) or double, booleans as 1/0, and refuses NaN', () => {
    expect(serializeValue(42)).toBe('<value><int>42</int></value>');
    expect(serializeValue(-(2 ** 31))).toBe('<value><int>-2147483648</int></value>');
    expect(serializeValue(2 ** 31)).toBe('<value><double>2147483648</double></value>');
    expect(serializeValue(1.5)).toBe('<value><double>1.5</double></value>');
    expect(serializeValue(true)).toBe('<value><boolean>1</boolean></value>');
    expect(serializeValue(false)).toBe('<value><boolean>0</boolean></value>');
    expect(() => serializeValue(Number.NaN)).toThrow(TypeError);
  });

  it('writes dates as UTC dateTime.iso8601 to the second, and refuses invalid ones', () => {
    expect(serializeValue(new Date('2026-11-23T04:50:54.987+01:00'))).toBe(
      '<value><dateTime.iso8601>20261123T03:50:54</dateTime.iso8601></value>',
    );
    expect(() => serializeValue(new Date('nope'))).toThrow(TypeError);
  });

  it('leaves undefined struct members out and writes null as nil', () => {
    expect(serializeValue({ a: undefined, b: null })).toBe(
      '<value><struct><member><name>b</name><value><nil/></value></member></struct></value>',
    );
  });

  it('refuses a method name that is not one', () => {
    expect(() => serializeMethodCall('wp.getPost</methodName>', [])).toThrow(TypeError);
    expect(serializeMethodCall('wp.getPost', [1])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>wp.getPost</methodName><params><param><value><int>1</int></value></param></params></methodCall>',
    );
  });
});

describe('round trip', () => {
  it('nested structs and arrays, Unicode (emoji, RTL, combining marks) and empty things', () => {
    const value = {
      title: 'Ünïcødé ✓ 😀 שלום e\u0301',
      empty: '',
      list: [1, 'two', [3, { four: 4 }], [], {}],
      nested: { deeper: { deepest: [true, false, null] } },
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('base64: every byte value survives', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const back = roundTrip(bytes);
    expect(back).toBeInstanceOf(Uint8Array);
    expect([...(back as Uint8Array)]).toEqual([...bytes]);
    expect([...(roundTrip(new Uint8Array(0)) as Uint8Array)]).toEqual([]);
  });

  it('dateTime: written and read back as the same UTC instant', () => {
    const back = roundTrip(new Date('2030-01-02T03:04:05Z')) as XmlRpcDateTime;
    expect(back).toBeInstanceOf(XmlRpcDateTime);
    expect(back.toUtcIso()).toBe('2030-01-02T03:04:05.000Z');
  });
});

describe('reading', () => {
  it('reads what WordPress sends (wp.getUsersBlogs, whitespace around typed values)', () => {
    const xml = response(`<array><data>
  <value><struct>
  <member><name>isAdmin</name><value><boolean>1</boolean></value></member>
  <member><name>url</name><value><string>http://127.0.0.1:8088/</string></value></member>
  <member><name>blogid</name><value><string>1</string></value></member>
  <member><name>blogName</name><value><string>Fish &amp; Chips &lt;3</string></value></member>
</struct></value>
</data></array>`);
    expect(parseMethodResponse(xml)).toEqual([
      { isAdmin: true, url: 'http://127.0.0.1:8088/', blogid: '1', blogName: 'Fish & Chips <3' },
    ]);
  });

  it('reads every scalar type, and an untyped value as a string exactly as written', () => {
    const v = (inner: string) =>
      parseMethodResponse(
        `<methodResponse><params><param><value>${inner}</value></param></params></methodResponse>`,
      );
    expect(v('<int> 7 </int>')).toBe(7);
    expect(v('<i4>-3</i4>')).toBe(-3);
    expect(v('<i8>9007199254740991</i8>')).toBe(9007199254740991);
    expect(v('<double>-0.25</double>')).toBe(-0.25);
    expect(v('<boolean>0</boolean>')).toBe(false);
    expect(v('<string/>')).toBe('');
    expect(v('')).toBe('');
    expect(v('  spaced  ')).toBe('  spaced  ');
    expect(v('<nil/>')).toBeNull();
    expect(v('<ex:nil xmlns:ex="http://ws.apache.org/xmlrpc/namespaces/extensions"/>')).toBeNull();
    expect(v('<string><![CDATA[<b>raw & real</b>]]></string>')).toBe('<b>raw & real</b>');
    expect(v('<string>&#233;&#xE9;&#x1F600;&quot;&apos;</string>')).toBe('éé😀"\'');
    expect(v('<string>a<!-- comment -->b</string>')).toBe('ab');
    expect(v('<base64>aGVs\nbG8=</base64>')).toEqual(new Uint8Array(Buffer.from('hello')));
    expect((v('<dateTime.iso8601>20261123T03:50:54</dateTime.iso8601>') as XmlRpcDateTime).toUtcIso()).toBe(
      '2026-11-23T03:50:54.000Z',
    );
  });

  it('reads dates with or without separators and zones; an all-zero date is none', () => {
    expect(new XmlRpcDateTime('2026-11-23T03:50:54Z').toUtcIso()).toBe('2026-11-23T03:50:54.000Z');
    expect(new XmlRpcDateTime('20261123T04:50:54+01:00').toUtcIso()).toBe('2026-11-23T03:50:54.000Z');
    expect(new XmlRpcDateTime('20261123T04:50:54+0100').toUtcIso()).toBe('2026-11-23T03:50:54.000Z');
    expect(new XmlRpcDateTime('00000000T00:00:00').toUtcIso()).toBeNull();
    expect(new XmlRpcDateTime('yesterday').toUtcIso()).toBeNull();
  });

  it('keeps a member called __proto__ as a plain member', () => {
    const value = parseMethodResponse(
      response('<struct><member><name>__proto__</name><value><string>x</string></value></member></struct>'),
    ) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('turns a fault into XmlRpcFault with its code and text', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><methodResponse><fault><value><struct>' +
      '<member><name>faultCode</name><value><int>403</int></value></member>' +
      '<member><name>faultString</name><value><string>Incorrect username or password.</string></value></member>' +
      '</struct></value></fault></methodResponse>';
    expect(() => parseMethodResponse(xml)).toThrow(XmlRpcFault);
    try {
      parseMethodResponse(xml);
    } catch (error) {
      expect((error as XmlRpcFault).faultCode).toBe(403);
      expect((error as XmlRpcFault).faultString).toBe('Incorrect username or password.');
    }
  });

  it.each([
    ['mismatched tags', '<methodResponse><params></param></methodResponse>'],
    ['unclosed', '<methodResponse><params>'],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "b">]><methodResponse/>'],
    ['an unknown type', response('<float>1</float>')],
    ['a bad integer', response('<int>12abc</int>')],
    ['a bad boolean', response('<boolean>yes</boolean>')],
    ['bad base64', response('<base64>**</base64>')],
    ['two values', response('<string>a</string><string>b</string>')],
    ['a struct member without value', response('<struct><member><name>a</name></member></struct>')],
    ['the wrong root', '<methodCall/>'],
    ['two roots', '<methodResponse/><methodResponse/>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseMethodResponse(xml)).toThrow(XmlSyntaxError);
  });

  it('the XML reader skips attributes, even with ">" inside quotes', () => {
    expect(parseXml('<a x="1>2" y=\'3\'><b/>t</a>')).toEqual({
      name: 'a',
      children: [{ name: 'b', children: [] }, 't'],
    });
  });
});

describe('callXmlRpc over HTTP', () => {
  let server: Loopback;
  const http = new HttpClient({ fetch, timeoutMs: 5_000 });
  const fault = (code: number, text: string) =>
    `<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member><member><name>faultString</name><value><string>${text}</string></value></member></struct></value></fault></methodResponse>`;

  beforeAll(async () => {
    server = await startHttp((req, res, body) => {
      const send = (status: number, type: string, text: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(text);
      };
      switch (req.url) {
        case '/echo': {
          const param = /<params>([\s\S]*)<\/params>/.exec(body.toString('utf8'))?.[1] ?? '';
          return send(
            200,
            'text/xml',
            `<?xml version="1.0"?><methodResponse><params>${param}</params></methodResponse>`,
          );
        }
        case '/notice':
          return send(
            200,
            'text/xml',
            `<b>Deprecated</b>: something in plugin.php\n${response('<string>ok</string>')}`,
          );
        case '/disabled':
          return send(405, 'text/xml', fault(405, 'XML-RPC services are disabled on this site.'));
        case '/firewall':
          return send(403, 'text/html', '<html><body><h1>Forbidden</h1></body></html>');
        case '/challenge':
          return send(200, 'text/html', '<html><body>Checking your browser…</body></html>');
        case '/broken':
          return send(
            200,
            'text/xml',
            '<?xml version="1.0"?><methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>',
          );
        default:
          return send(404, 'text/html', 'Not Found');
      }
    });
  });
  afterAll(() => server.close());

  it('sends UTF-8 XML and reads the answer (a struct with Unicode and base64 comes back intact)', async () => {
    const value = { title: 'Grüße & <Küsse> 😀', bits: new Uint8Array([0, 255, 10, 13]) };
    const back = await callXmlRpc(http, `${server.url}/echo`, 'wp.test', [value]);
    expect(back).toEqual(value);
    const sent = server.requests.at(-1)!;
    expect(sent.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(sent.body.toString('utf8')).toContain('Grüße &amp; &lt;Küsse&gt; 😀');
  });

  it('skips what a plugin printed before the XML', async () => {
    expect(await callXmlRpc(http, `${server.url}/notice`, 'a.b', [])).toBe('ok');
  });

  it('rejects with XmlRpcFault even when the fault comes with HTTP 405', async () => {
    const error = await callXmlRpc(http, `${server.url}/disabled`, 'wp.getUsersBlogs', ['u', 'p']).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(XmlRpcFault);
    expect((error as XmlRpcFault).faultCode).toBe(405);
  });

  it('a firewall page → XMLRPC_DISABLED; no xmlrpc.php → XMLRPC_DISABLED; a 200 web page → BAD_RESPONSE', async () => {
    const call = (path: string): Promise<PublishError> =>
      callXmlRpc(http, `${server.url}${path}`, 'a.b', ['secret-password']).then(
        () => {
          throw new Error('expected a failure');
        },
        (e: unknown) => e as PublishError,
      );
    const firewall = await call('/firewall');
    expect(firewall.code).toBe('XMLRPC_DISABLED');
    expect(firewall.message).toMatch(/blocks XML-RPC/);
    expect((await call('/nowhere')).code).toBe('XMLRPC_DISABLED');
    const page = await call('/challenge');
    expect(page.code).toBe('BAD_RESPONSE');
    expect(page.message).toMatch(/a web page instead of XML-RPC/);
    const broken = await call('/broken');
    expect(broken.code).toBe('BAD_RESPONSE');
    for (const e of [firewall, page, broken])
      expect(JSON.stringify(e) + e.message).not.toContain('secret-password');
  });
});
