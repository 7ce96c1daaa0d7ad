/**
 * The snippet library as the renderer sees it: reusable signature blocks, bios, headers, footers
 * and free text, written with the same editor as a post, with `{{variables}}` filled in when they
 * are shown or published.
 */
import { plainTextOf } from './plainText';
import type { EditorStateJSON } from './types';

export type SnippetKind = 'signature' | 'bio' | 'header' | 'footer' | 'text';

export const SNIPPET_KINDS: readonly SnippetKind[] = ['signature', 'bio', 'header', 'footer', 'text'];

export interface Snippet {
  id: string;
  name: string;
  kind: SnippetKind;
  /** The snippet's content as Lexical JSON (the post editor's format); `{{variables}}` are plain text in it. */
  editorState: EditorStateJSON | null;
  /** Email addresses in the output become `jon [dot] smith [at] example [dot] com` and lose their mailto link. */
  obfuscateEmails: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A variable the author defines once and uses in any snippet as `{{name}}`. */
export interface CustomVariable {
  name: string;
  value: string;
}

/** The author's own details, for `{{author.name}}` and `{{author.email}}`. */
export interface AuthorProfile {
  name: string;
  email: string;
}

export interface SnippetLibrary {
  /** In the author's order. */
  snippets: Snippet[];
  variables: CustomVariable[];
  author: AuthorProfile;
  /** Deleted snippets that can still be restored (newest first, a few at most). */
  trash: Array<{ snippet: Snippet; index: number; deletedAt: string }>;
}

/** A problem with a snippet's template, shown next to the editor while the author writes it. */
export interface TemplateIssue {
  severity: 'error' | 'warning';
  message: string;
}

/** The names Signet fills in, as the Snippets screen lists them (descriptions: ./snippetLabels.ts). */
export const BUILT_IN_VARIABLE_NAMES = [
  'author.name',
  'author.email',
  'blog.name',
  'blog.url',
  'post.title',
  'post.url',
  'post.originalUrl',
  'post.date',
  'post.date.short',
  'post.date.iso',
  'post.date.year',
] as const;

export type BuiltInVariableName = (typeof BUILT_IN_VARIABLE_NAMES)[number];

/** The built-in variables in the Snippets screen's order; `variableDescription(name)` says what each holds. */
export const BUILT_IN_VARIABLES: ReadonlyArray<{ name: BuiltInVariableName }> = BUILT_IN_VARIABLE_NAMES.map(
  (name) => ({ name }),
);

/** A snippet rendered with values: the HTML shown in the editor and the preview. */
export interface RenderedSnippet {
  snippetId: string;
  name: string;
  /** Clean HTML with the variables filled in (escaped). Empty when the template has an error. */
  html: string;
  issues: TemplateIssue[];
}

/** Where a snippet is used on a blog: one published post per row. */
export interface SnippetUse {
  draftId: string;
  draftTitle: string;
  accountId: string;
  siteName: string;
  permalink?: string;
  /** In the post's text, or added by the account as its header or footer. */
  via: Array<'body' | 'header' | 'footer'>;
}

export interface ReapplyResult {
  draftId: string;
  accountId: string;
  /** `queued`: the blog could not be reached; the update waits in the outbox. */
  outcome: 'updated' | 'queued' | 'conflict' | 'failed';
  message: string;
  permalink?: string;
}

/** The library as a file the author exports and imports. */
export const SNIPPET_EXPORT_FORMAT = 'signet-snippets';

/**
 * The plain text of a snippet's content on one line, for search and the list: the draft list's
 * plainTextOf with its line breaks (blocks, Shift+Enter) as spaces.
 */
export function snippetPlainText(editorState: EditorStateJSON | null): string {
  return plainTextOf(editorState).replace(/\s+/g, ' ');
}

/**
 * A link address written with a variable, allowed in snippets only: `{{post.originalUrl}}`,
 * `{{blog.url}}about/`, `mailto:{{author.email}}`. The filled-in address must still be a web or
 * email link, or the link is left out when the snippet is used.
 */
export function isTemplateLinkUrl(url: string): boolean {
  return /^(?:mailto:)?\{\{\s*[A-Za-z][\w.]*\s*\}\}[^\s{}]*$/.test(url);
}

/** A snippet used in a draft, as its node is saved in the draft file. */
export interface SerializedSnippetNode {
  type: 'snippet';
  version: 1;
  snippetId: string;
  /** The snippet's name when it was last rendered (shown when the library lacks it). */
  name: string;
  /** The snippet's last rendered content (clean HTML): what is shown and published without the library. */
  html: string;
}

export const SNIPPET_NODE_TYPE = 'snippet';
