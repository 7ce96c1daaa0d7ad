/**
 * Every command Signet has, in one list: the command palette shows it, the web host's keyboard
 * shortcuts come from it, and the application menu's items carry the same ids and shortcuts
 * (electron/shell/policy/menuTemplate.test.ts fails when the two disagree).
 *
 * Pure data, no React and no DOM, so the main process's tests can read it too. Titles come from
 * the message catalogue (electron/contract/i18n/en.json, `command.<id>`), read when asked, so
 * they follow the author's language.
 */
import { t, type MessageKey } from '../../electron/contract/i18n';

/** Ids of every command; the menu's `MenuCommand` ids are a subset. */
export type CommandId =
  | 'newDraft'
  | 'saveNow'
  | 'importMarkdown'
  | 'exportMarkdown'
  | 'moveDraftsFolder'
  | 'openSettings'
  | 'openAccounts'
  | 'openFromBlog'
  | 'find'
  | 'showDrafts'
  | 'showTrash'
  | 'showSnippets'
  | 'commandPalette'
  | 'toggleFocusMode'
  | 'toggleOutline'
  | 'toggleTheme'
  | 'themeSystem'
  | 'themeLight'
  | 'themeDark'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'copyDiagnostics'
  | FormatCommandId;

/** The editor's formatting, as the toolbar's buttons do it (DraftScreen hands them to the editor). */
export type FormatCommandId =
  | 'formatBold'
  | 'formatItalic'
  | 'formatUnderline'
  | 'formatStrikethrough'
  | 'formatCode'
  | 'insertLink'
  | 'blockParagraph'
  | 'blockHeading2'
  | 'blockHeading3'
  | 'blockBulletList'
  | 'blockNumberedList'
  | 'blockQuote'
  | 'undo'
  | 'redo';

export type CommandGroup = 'File' | 'Edit' | 'Format' | 'View' | 'Appearance' | 'Help';

export interface CommandSpec {
  id: CommandId;
  /** The name the palette shows (and searches), in title case like the menu (from the catalogue). */
  readonly title: string;
  group: CommandGroup;
  /** Electron accelerator syntax (`CmdOrCtrl+Shift+P`); the one shown in the menu and the palette. */
  shortcut?: string;
  /** Further shortcuts the renderer takes itself in every runtime (never in the menu). */
  alternates?: readonly string[];
  /** True when the application menu has an item for it (with the same shortcut). */
  inMenu: boolean;
  /** More words the palette's filter matches. */
  keywords?: readonly string[];
  /**
   * The editor's own keys take the shortcut (Lexical's keymap, in the draft's text): the palette
   * and tooltips show it, but App's keyboard handler leaves it alone.
   */
  inEditor?: true;
}

/** A registry entry whose title is read from the catalogue each time it is asked for. */
function command(titleKey: MessageKey, spec: Omit<CommandSpec, 'title'>): CommandSpec {
  return {
    ...spec,
    get title() {
      return t(titleKey);
    },
  };
}

export const COMMAND_REGISTRY: readonly CommandSpec[] = [
  command('command.newDraft', { id: 'newDraft', group: 'File', shortcut: 'CmdOrCtrl+N', inMenu: true }),
  command('command.saveNow', { id: 'saveNow', group: 'File', shortcut: 'CmdOrCtrl+S', inMenu: true }),
  command('command.importMarkdown', {
    id: 'importMarkdown',
    group: 'File',
    inMenu: true,
    keywords: ['open file'],
  }),
  command('command.exportMarkdown', {
    id: 'exportMarkdown',
    group: 'File',
    inMenu: true,
    keywords: ['save file'],
  }),
  command('command.moveDraftsFolder', {
    id: 'moveDraftsFolder',
    group: 'File',
    inMenu: true,
    keywords: ['sync'],
  }),
  command('command.openSettings', {
    id: 'openSettings',
    group: 'File',
    shortcut: 'CmdOrCtrl+,',
    inMenu: true,
    keywords: ['preferences', 'options'],
  }),
  command('command.openAccounts', {
    id: 'openAccounts',
    group: 'File',
    inMenu: false,
    keywords: ['sign in', 'wordpress'],
  }),
  command('command.openFromBlog', {
    id: 'openFromBlog',
    group: 'File',
    inMenu: false,
    keywords: ['remote post'],
  }),
  command('command.find', {
    id: 'find',
    group: 'Edit',
    shortcut: 'CmdOrCtrl+F',
    inMenu: true,
    // In a draft's text: find and replace in the draft; elsewhere: search the drafts.
    keywords: ['search', 'replace'],
  }),
  command('command.showDrafts', { id: 'showDrafts', group: 'View', shortcut: 'CmdOrCtrl+1', inMenu: true }),
  command('command.showTrash', { id: 'showTrash', group: 'View', shortcut: 'CmdOrCtrl+2', inMenu: true }),
  command('command.showSnippets', {
    id: 'showSnippets',
    group: 'View',
    shortcut: 'CmdOrCtrl+3',
    inMenu: true,
  }),
  command('command.commandPalette', {
    id: 'commandPalette',
    group: 'View',
    shortcut: 'CmdOrCtrl+Shift+P',
    alternates: ['CmdOrCtrl+K'],
    inMenu: true,
  }),
  command('command.toggleFocusMode', {
    id: 'toggleFocusMode',
    group: 'View',
    shortcut: 'CmdOrCtrl+Shift+F',
    inMenu: true,
    keywords: ['distraction free', 'zen', 'full screen writing'],
  }),
  command('command.toggleOutline', {
    id: 'toggleOutline',
    group: 'View',
    shortcut: 'CmdOrCtrl+Shift+O',
    inMenu: true,
    keywords: ['headings', 'table of contents', 'navigate'],
  }),
  command('command.zoomIn', {
    id: 'zoomIn',
    group: 'View',
    shortcut: 'CmdOrCtrl+=',
    inMenu: true,
    keywords: ['bigger'],
  }),
  command('command.zoomOut', {
    id: 'zoomOut',
    group: 'View',
    shortcut: 'CmdOrCtrl+-',
    inMenu: true,
    keywords: ['smaller'],
  }),
  command('command.zoomReset', {
    id: 'zoomReset',
    group: 'View',
    shortcut: 'CmdOrCtrl+0',
    inMenu: true,
    keywords: ['zoom reset 100'],
  }),
  command('command.toggleTheme', {
    id: 'toggleTheme',
    group: 'Appearance',
    shortcut: 'CmdOrCtrl+Shift+L',
    inMenu: true,
    keywords: ['light', 'night', 'colour', 'color'],
  }),
  command('command.themeSystem', {
    id: 'themeSystem',
    group: 'Appearance',
    inMenu: false,
    keywords: ['os', 'auto'],
  }),
  command('command.themeLight', { id: 'themeLight', group: 'Appearance', inMenu: false }),
  command('command.themeDark', { id: 'themeDark', group: 'Appearance', inMenu: false, keywords: ['night'] }),
  ...formatCommands(),
  command('command.copyDiagnostics', {
    id: 'copyDiagnostics',
    group: 'Help',
    inMenu: true,
    keywords: ['bug report', 'support', 'versions', 'log'],
  }),
];

/** The Format group: what the editor's toolbar does, by name, with the editor's own shortcuts. */
function formatCommands(): CommandSpec[] {
  const format = (titleKey: MessageKey, id: FormatCommandId, shortcut?: string, keywords?: string[]) =>
    command(titleKey, {
      id,
      group: id === 'undo' || id === 'redo' ? 'Edit' : 'Format',
      inMenu: false,
      inEditor: true,
      ...(shortcut ? { shortcut } : {}),
      ...(keywords ? { keywords } : {}),
    });
  return [
    format('command.undo', 'undo', 'CmdOrCtrl+Z'),
    format('command.redo', 'redo', 'CmdOrCtrl+Shift+Z'),
    format('command.formatBold', 'formatBold', 'CmdOrCtrl+B', ['strong']),
    format('command.formatItalic', 'formatItalic', 'CmdOrCtrl+I', ['emphasis']),
    format('command.formatUnderline', 'formatUnderline', 'CmdOrCtrl+U'),
    format('command.formatStrikethrough', 'formatStrikethrough', undefined, ['strike', 'crossed out']),
    format('command.formatCode', 'formatCode', undefined, ['inline code', 'monospace']),
    format('command.insertLink', 'insertLink', 'CmdOrCtrl+K', ['hyperlink', 'url']),
    format('command.blockParagraph', 'blockParagraph', undefined, ['normal text', 'body']),
    format('command.blockHeading2', 'blockHeading2', undefined, ['title', 'h2']),
    format('command.blockHeading3', 'blockHeading3', undefined, ['subtitle', 'h3']),
    format('command.blockBulletList', 'blockBulletList', undefined, ['unordered', 'bullets']),
    format('command.blockNumberedList', 'blockNumberedList', undefined, ['ordered', 'numbers']),
    format('command.blockQuote', 'blockQuote', undefined, ['blockquote', 'citation']),
  ];
}

/** The editor's command behind a Format command id. */
export const FORMAT_COMMANDS: Readonly<Record<FormatCommandId, EditorFormat>> = {
  formatBold: 'bold',
  formatItalic: 'italic',
  formatUnderline: 'underline',
  formatStrikethrough: 'strikethrough',
  formatCode: 'code',
  insertLink: 'link',
  blockParagraph: 'paragraph',
  blockHeading2: 'h2',
  blockHeading3: 'h3',
  blockBulletList: 'bullet',
  blockNumberedList: 'number',
  blockQuote: 'quote',
  undo: 'undo',
  redo: 'redo',
};

/** What the editor does for a Format command (renderer/editor/plugins/ToolbarPlugin applies it). */
export type EditorFormat =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'code'
  | 'link'
  | 'paragraph'
  | 'h2'
  | 'h3'
  | 'bullet'
  | 'number'
  | 'quote'
  | 'undo'
  | 'redo';

export function isFormatCommand(id: CommandId): id is FormatCommandId {
  return id in FORMAT_COMMANDS;
}

export function commandSpec(id: CommandId): CommandSpec {
  const spec = COMMAND_REGISTRY.find((c) => c.id === id);
  if (!spec) throw new Error(`Unknown command ${id}`);
  return spec;
}

export function isCommandId(value: string): value is CommandId {
  return COMMAND_REGISTRY.some((c) => c.id === value);
}
