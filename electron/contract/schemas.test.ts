import { describe, expect, it } from 'vitest';

import { MAX_DOCUMENT_DEPTH, isPlainJson, requestSchemas } from './schemas';

const doc = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    children: [{ type: 'paragraph', version: 1, children: [{ type: 'text', text }] }],
  },
});

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('isPlainJson', () => {
  it('accepts what JSON.parse gives back, own __proto__ keys included', () => {
    expect(isPlainJson(doc('Hello'))).toBe(true);
    expect(isPlainJson(JSON.parse('{"__proto__":{"x":1},"a":[1,"b",null,true,{}]}'))).toBe(true);
    expect(isPlainJson(Object.create(null))).toBe(true);
  });

  it('refuses values structured clone carries but JSON cannot', () => {
    for (const bad of [
      10n,
      new Map(),
      new Set(),
      new Date(),
      new Uint8Array(2),
      Number.NaN,
      Infinity,
      undefined,
    ])
      expect(isPlainJson({ root: { value: bad } }), String(bad)).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(isPlainJson([1, , 3])).toBe(false);
  });

  it('caps the depth without recursing (a 100,000-deep payload does not overflow the stack)', () => {
    expect(isPlainJson(nested(MAX_DOCUMENT_DEPTH - 1))).toBe(true);
    expect(isPlainJson(nested(MAX_DOCUMENT_DEPTH + 1))).toBe(false);
    expect(isPlainJson(nested(100_000))).toBe(false);
  });
});

describe('editorState in requests', () => {
  it('saveDraft takes a document and refuses a bigint or a too-deep one with a message', () => {
    expect(requestSchemas.saveDraft.safeParse({ id: 'd1', title: 'T', editorState: doc('x') }).success).toBe(
      true,
    );
    const big = requestSchemas.saveDraft.safeParse({
      id: 'd1',
      title: 'T',
      editorState: { root: { n: 1n } },
    });
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.message).toMatch(/plain JSON/);
    const deep = requestSchemas.previewSnippet.safeParse({ editorState: { root: { deep: nested(5_000) } } });
    expect(deep.success).toBe(false);
  });
});
