import { describe, expect, it } from 'vitest';
import { migrations, parseDraftFile, serializeDraft } from './draftFile';
import { DRAFT_SCHEMA_VERSION } from './types';

/** A draft as Signet's prototype wrote it: schema 0, before publishing existed. */
const V0_FIXTURE = JSON.stringify({
  schemaVersion: 0,
  id: 'proto1',
  title: 'Written by the prototype',
  createdAt: '2024-05-01T08:00:00.000Z',
  updatedAt: '2024-05-02T09:30:00.000Z',
  editorState: { root: { type: 'root', children: [] } },
});

describe('draft files', () => {
  it('opens a schema-0 draft by migrating it, keeping its text and dates', () => {
    const parsed = parseDraftFile(V0_FIXTURE, 'proto1');
    expect(parsed).toMatchObject({
      ok: true,
      migratedFrom: 0,
      draft: {
        schemaVersion: DRAFT_SCHEMA_VERSION,
        title: 'Written by the prototype',
        updatedAt: '2024-05-02T09:30:00.000Z',
        meta: {},
        destinations: {},
      },
    });
  });

  it('has a migration from every older schema', () => {
    for (let v = 0; v < DRAFT_SCHEMA_VERSION; v++) expect(migrations[v]).toBeTypeOf('function');
  });

  it('refuses a draft from a newer Signet and says to update', () => {
    const parsed = parseDraftFile(JSON.stringify({ schemaVersion: 7, id: 'x' }), 'x');
    expect(parsed).toMatchObject({ ok: false, kind: 'newer-schema', schemaVersion: 7 });
    expect(!parsed.ok && parsed.why).toBe(
      'It was written by a newer version of Signet (schema 7); update Signet to open it.',
    );
  });

  it('explains broken JSON with the parser’s own words', () => {
    const parsed = parseDraftFile('{"schemaVersion": 1, "id": ', 'x');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.why).toMatch(/^The file is not valid JSON \(.+\)\.$/);
  });

  it('names the field that is wrong in a file that is JSON but not a draft', () => {
    const parsed = parseDraftFile(JSON.stringify({ schemaVersion: 1, id: 'x', title: 5 }), 'x');
    expect(!parsed.ok && parsed.why).toMatch(/^The file is not a valid Signet draft \(title: /);
  });

  it('round-trips what it writes, and takes the id from the file name', () => {
    const draft = {
      schemaVersion: 1,
      id: 'abc',
      title: 'T',
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
      editorState: null,
      meta: { tags: ['x'] },
      destinations: { 'ghost:https://blog.example': { remoteId: '9', status: 'published' } },
      trashedAt: '2030-01-02T00:00:00.000Z',
    };
    expect(parseDraftFile(serializeDraft(draft), 'abc')).toEqual({ ok: true, draft });
    const copied = parseDraftFile(serializeDraft(draft), 'copy1');
    expect(copied.ok && copied.draft.id).toBe('copy1');
  });
});
