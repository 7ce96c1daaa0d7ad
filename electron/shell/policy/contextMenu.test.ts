import { describe, expect, it } from 'vitest';
import { contextMenuTemplate, MAX_SUGGESTIONS, type ContextMenuInput } from './contextMenu';

const allowAll = {
  canUndo: true,
  canRedo: true,
  canCut: true,
  canCopy: true,
  canPaste: true,
  canDelete: true,
  canSelectAll: true,
};

const params = (overrides: Partial<ContextMenuInput> = {}): ContextMenuInput => ({
  x: 10,
  y: 20,
  isEditable: true,
  misspelledWord: '',
  dictionarySuggestions: [],
  selectionText: '',
  linkURL: '',
  editFlags: allowAll,
  ...overrides,
});

const labels = (items: ReturnType<typeof contextMenuTemplate>) =>
  items.map((i) => i.label ?? i.role ?? (i.type === 'separator' ? '—' : '?'));

describe('contextMenuTemplate', () => {
  it('offers the suggestions for a misspelled word, then Add to Dictionary, then editing', () => {
    const items = contextMenuTemplate(
      params({ misspelledWord: 'teh', dictionarySuggestions: ['the', 'ten', 'tech'] }),
      { isDev: false },
    );
    expect(labels(items)).toEqual([
      'the',
      'ten',
      'tech',
      'Add to Dictionary',
      '—',
      'cut',
      'copy',
      'paste',
      'pasteAndMatchStyle',
      '—',
      'selectAll',
    ]);
    expect(items[0]?.action).toEqual({ type: 'replaceMisspelling', word: 'the' });
    expect(items[3]?.action).toEqual({ type: 'addToDictionary', word: 'teh' });
  });

  it('says so when the dictionary has no guess, and still offers Add to Dictionary', () => {
    const items = contextMenuTemplate(params({ misspelledWord: 'Signetish' }), { isDev: false });
    expect(items[0]).toEqual({ label: 'No Guesses Found', enabled: false });
    expect(items[1]?.action).toEqual({ type: 'addToDictionary', word: 'Signetish' });
  });

  it('shows at most a handful of suggestions', () => {
    const many = Array.from({ length: 12 }, (_, i) => `w${i}`);
    const items = contextMenuTemplate(params({ misspelledWord: 'x', dictionarySuggestions: many }), {
      isDev: false,
    });
    expect(items.filter((i) => i.action?.type === 'replaceMisspelling')).toHaveLength(MAX_SUGGESTIONS);
  });

  it('greys out what the selection does not allow', () => {
    const items = contextMenuTemplate(
      params({ editFlags: { ...allowAll, canCut: false, canCopy: false, canPaste: false } }),
      { isDev: false },
    );
    expect(items.find((i) => i.role === 'cut')?.enabled).toBe(false);
    expect(items.find((i) => i.role === 'paste')?.enabled).toBe(false);
    expect(items.find((i) => i.role === 'selectAll')?.enabled).toBe(true);
  });

  it('offers only Copy for selected text outside the editor, and nothing without a selection', () => {
    expect(
      labels(contextMenuTemplate(params({ isEditable: false, selectionText: 'hello' }), { isDev: false })),
    ).toEqual(['copy']);
    expect(contextMenuTemplate(params({ isEditable: false, selectionText: '  ' }), { isDev: false })).toEqual(
      [],
    );
  });

  it('offers web links to the browser, but not other schemes', () => {
    const items = contextMenuTemplate(params({ isEditable: false, linkURL: 'https://example.com/a' }), {
      isDev: false,
    });
    expect(items.map((i) => i.action)).toEqual([
      { type: 'openLink', url: 'https://example.com/a' },
      { type: 'copyLink', url: 'https://example.com/a' },
    ]);
    expect(
      contextMenuTemplate(params({ isEditable: false, linkURL: 'file:///etc/passwd' }), { isDev: false }),
    ).toEqual([]);
  });

  it('ignores a misspelling outside an editable field', () => {
    const items = contextMenuTemplate(
      params({ isEditable: false, misspelledWord: 'teh', dictionarySuggestions: ['the'] }),
      {
        isDev: false,
      },
    );
    expect(items).toEqual([]);
  });

  it('adds Inspect Element in development only', () => {
    expect(labels(contextMenuTemplate(params(), { isDev: true })).at(-1)).toBe('Inspect Element');
    expect(labels(contextMenuTemplate(params(), { isDev: false }))).not.toContain('Inspect Element');
  });
});
