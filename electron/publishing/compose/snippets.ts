/**
 * Snippets in a post: a snippet's content with its variables filled in, and a draft's editor state
 * with every snippet node (and the destination's header and footer) replaced by that content, so
 * `composeHtml` sees ordinary nodes and writes them like the rest of the post, in either format.
 *
 * A snippet is rendered in three steps: its content → HTML with the `{{variables}}` still in the
 * text (and in link addresses); mustache fills them in, escaped; the result is read back as editor
 * nodes by `importHtml`, which drops anything a post may not carry (a link whose filled-in address
 * is not a web or mail address, for one). Templating the HTML rather than each text node lets a
 * section `{{#author.email}}…{{/author.email}}` span formatting and paragraphs.
 */
import {
  SNIPPET_NODE_TYPE,
  type EditorStateJSON,
  type SerializedSnippetNode,
  type Snippet,
  type TemplateIssue,
} from '../../contract';
import { obfuscateEmailsInState } from '../../snippets/obfuscate';
import { checkTemplate, renderTemplate, usesPostUrl, type TemplateValues } from '../../snippets/template';
import { composeHtml } from './compose';
import { importHtml } from './importHtml';
import type { ComposeWarning } from './types';
import { t } from '../../contract/i18n';

export interface RenderedContent {
  /** The filled-in content as editor state (empty when the template has an error). */
  state: EditorStateJSON;
  /** The same as clean HTML. */
  html: string;
  issues: TemplateIssue[];
  /** The template refers to the post's own address, which a new post has only after it is created. */
  usesPostUrl: boolean;
}

const EMPTY_STATE: EditorStateJSON = {
  root: { type: 'root', version: 1, children: [], direction: null, format: '', indent: 0 },
};

/** The snippet's content as a template: HTML with the variables still in it. */
export function snippetTemplate(snippet: Pick<Snippet, 'editorState'>): string {
  if (snippet.editorState === null) return '';
  return composeHtml(snippet.editorState, {
    format: 'html',
    // A snippet has no assets folder: only images with a web address are kept.
    images: () => null,
    readMore: 'none',
    templateLinks: true,
  }).html;
}

export function renderSnippetContent(
  snippet: Pick<Snippet, 'editorState' | 'obfuscateEmails'>,
  values: TemplateValues,
): RenderedContent {
  const template = snippetTemplate(snippet);
  const issues = checkTemplate(template, values.custom);
  if (issues.some((issue) => issue.severity === 'error'))
    return { state: structuredClone(EMPTY_STATE), html: '', issues, usesPostUrl: false };
  let state = importHtml(renderTemplate(template, values));
  if (snippet.obfuscateEmails) state = obfuscateEmailsInState(state);
  const html = composeHtml(state, { format: 'html', images: () => null, readMore: 'none' }).html;
  return { state, html, issues, usesPostUrl: usesPostUrl(template) };
}

/** What a snippet node of a draft becomes; `null` when the library lacks the snippet. */
export type SnippetResolver = (snippetId: string) => RenderedContent | null;

export interface ExpandResult {
  state: EditorStateJSON;
  /** Ids of the library snippets used (body, header, footer), once each. */
  used: string[];
  warnings: ComposeWarning[];
  /** Some snippet refers to the post's own address. */
  usesPostUrl: boolean;
}

export class SnippetTemplateError extends Error {
  constructor(
    readonly snippetName: string,
    readonly issues: TemplateIssue[],
  ) {
    super(
      `The snippet “${snippetName}” has a template error: ${issues
        .filter((i) => i.severity === 'error')
        .map((i) => i.message)
        .join(' ')} Fix it in Snippets, then publish again.`,
    );
    this.name = 'SnippetTemplateError';
  }
}

type JsonNode = Record<string, unknown> & { type?: unknown; children?: unknown[] };

/**
 * The draft's state with each snippet node replaced by its content, and `header`/`footer` added
 * before and after the body. A snippet the library lacks is published as its node last showed it.
 * Throws `SnippetTemplateError` when a snippet's template has an error: nothing half-filled is sent.
 */
export function expandSnippets(
  state: EditorStateJSON,
  options: {
    resolve: SnippetResolver;
    header?: { id: string; name: string; content: RenderedContent } | null;
    footer?: { id: string; name: string; content: RenderedContent } | null;
  },
): ExpandResult {
  const copy = structuredClone(state);
  const used = new Set<string>();
  const warnings: ComposeWarning[] = [];
  let anyUsesPostUrl = false;
  const blocksOf = (name: string, content: RenderedContent): unknown[] => {
    if (content.issues.some((i) => i.severity === 'error'))
      throw new SnippetTemplateError(name, content.issues);
    if (content.usesPostUrl) anyUsesPostUrl = true;
    return (content.state.root.children as unknown[] | undefined) ?? [];
  };
  const visit = (node: JsonNode): void => {
    if (!Array.isArray(node.children)) return;
    const children: unknown[] = [];
    for (const child of node.children as JsonNode[]) {
      if (child.type !== SNIPPET_NODE_TYPE) {
        visit(child);
        children.push(child);
        continue;
      }
      const snippetNode = child as unknown as SerializedSnippetNode;
      const rendered = options.resolve(snippetNode.snippetId);
      if (rendered) {
        used.add(snippetNode.snippetId);
        children.push(...blocksOf(snippetNode.name, rendered));
      } else {
        warnings.push({
          code: 'SNIPPET_NOT_IN_LIBRARY',
          message: t('publishing.compose.snippetMissing', { name: snippetNode.name }),
          snippetId: snippetNode.snippetId,
        });
        const fallback = typeof snippetNode.html === 'string' ? importHtml(snippetNode.html) : EMPTY_STATE;
        children.push(...((fallback.root.children as unknown[] | undefined) ?? []));
      }
    }
    node.children = children;
  };
  visit(copy.root as JsonNode);
  const root = copy.root as JsonNode;
  if (options.header) {
    used.add(options.header.id);
    root.children = [...blocksOf(options.header.name, options.header.content), ...(root.children ?? [])];
  }
  if (options.footer) {
    used.add(options.footer.id);
    root.children = [...(root.children ?? []), ...blocksOf(options.footer.name, options.footer.content)];
  }
  return { state: copy, used: [...used], warnings, usesPostUrl: anyUsesPostUrl };
}

/** Ids of the snippets a draft's text uses. */
export function snippetIdsIn(state: EditorStateJSON | null): string[] {
  if (state === null) return [];
  const ids = new Set<string>();
  const stack: unknown[] = [state.root];
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode | undefined;
    if (typeof node !== 'object' || node === null) continue;
    if (node.type === SNIPPET_NODE_TYPE && typeof node.snippetId === 'string') ids.add(node.snippetId);
    if (Array.isArray(node.children)) stack.push(...node.children);
  }
  return [...ids];
}
