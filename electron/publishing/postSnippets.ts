/**
 * Snippets as one post on one blog sees them: the values their variables take there (the blog's
 * name and address, the post's title, address and date in the blog's time zone, the author's
 * details) and the draft with its snippets, header and footer filled in.
 */
import type { Draft, PublishOptions, RenderedSnippet, Snippet } from '../contract';
import type { Account } from '../accounts/types';
import type { SnippetStore } from '../snippets/SnippetStore';
import type { TemplateValues } from '../snippets/template';
import {
  expandSnippets,
  renderSnippetContent,
  type ExpandResult,
  type RenderedContent,
} from './compose/snippets';

type DraftFacts = Pick<Draft, 'title' | 'meta' | 'destinations'>;

export interface ExpandedPost extends ExpandResult {
  header?: { snippetId: string; name: string; included: boolean };
  footer?: { snippetId: string; name: string; included: boolean };
}

export class PostSnippets {
  constructor(
    private readonly store: SnippetStore,
    private readonly clock: () => Date,
  ) {}

  /**
   * The values for `draft` on `account` (none: the draft's first blog's values are unknown, so the
   * blog's are empty). `permalink` overrides the stored one (a post just created).
   */
  valuesFor(
    draft: DraftFacts,
    account: Account | null,
    options: { title?: string; permalink?: string } = {},
  ): TemplateValues {
    const library = this.store.library();
    const dest = account ? draft.destinations[account.destinationKey] : undefined;
    const url = options.permalink ?? dest?.permalink ?? '';
    // The first blog the post went to is where it first appeared (drafts keep destinations in
    // the order they were first published), unless the draft names its original (syndication).
    const primary = draft.meta.syndication?.primary;
    const original =
      (primary ? draft.destinations[primary]?.permalink : undefined) ??
      Object.values(draft.destinations).find((d) => d.permalink)?.permalink ??
      url;
    const scheduled = draft.meta.scheduledAt ? new Date(draft.meta.scheduledAt) : null;
    const now = this.clock();
    return {
      author: {
        name: library.author.name || account?.userName || '',
        email: library.author.email,
      },
      blog: { name: account?.siteName ?? '', url: account ? withSlash(account.siteUrl) : '' },
      post: {
        title: options.title ?? draft.title,
        url,
        originalUrl: original,
        date: scheduled && scheduled > now ? scheduled : now,
      },
      timeZone: account?.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone,
      custom: library.variables,
    };
  }

  render(snippet: Snippet, values: TemplateValues): RenderedContent {
    return renderSnippetContent(snippet, values);
  }

  /** Library snippets rendered for a draft, as the editor shows them; ids not in the library are left out. */
  renderForDraft(
    ids: readonly string[],
    draft: DraftFacts,
    account: Account | null,
    title?: string,
  ): RenderedSnippet[] {
    const values = this.valuesFor(draft, account, title !== undefined ? { title } : {});
    const out: RenderedSnippet[] = [];
    for (const id of new Set(ids)) {
      const snippet = this.store.get(id);
      if (!snippet) continue;
      const rendered = renderSnippetContent(snippet, values);
      out.push({ snippetId: id, name: snippet.name, html: rendered.html, issues: rendered.issues });
    }
    return out;
  }

  /** The draft's editor state as `account` receives it: snippets filled in, header and footer added. */
  expand(
    draft: DraftFacts & Pick<Draft, 'editorState'>,
    account: Account,
    options: Pick<PublishOptions, 'useHeader' | 'useFooter'>,
    permalink?: string,
  ): ExpandedPost {
    const values = this.valuesFor(draft, account, permalink !== undefined ? { permalink } : {});
    const cache = new Map<string, RenderedContent | null>();
    const resolve = (id: string): RenderedContent | null => {
      if (!cache.has(id)) {
        const snippet = this.store.get(id);
        cache.set(id, snippet ? renderSnippetContent(snippet, values) : null);
      }
      return cache.get(id)!;
    };
    const part = (id: string | undefined, include: boolean | undefined) => {
      if (!id) return { info: undefined, use: null };
      const snippet = this.store.get(id);
      if (!snippet) return { info: undefined, use: null };
      const included = include !== false;
      return {
        info: { snippetId: id, name: snippet.name, included },
        use: included ? { id, name: snippet.name, content: resolve(id)! } : null,
      };
    };
    const header = part(account.settings.headerSnippetId, options.useHeader);
    const footer = part(account.settings.footerSnippetId, options.useFooter);
    const expanded = expandSnippets(draft.editorState ?? EMPTY_STATE, {
      resolve,
      header: header.use,
      footer: footer.use,
    });
    return {
      ...expanded,
      ...(header.info ? { header: header.info } : {}),
      ...(footer.info ? { footer: footer.info } : {}),
    };
  }
}

const EMPTY_STATE = {
  root: { type: 'root', version: 1, children: [], direction: null, format: '', indent: 0 },
};

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
