/**
 * The snippet library's words the author reads: kind names and what each built-in variable holds,
 * read from the catalogue each time they are asked for (so the author's locale applies).
 * Apart from `./snippets` because it uses `t`: the contract's index must not pull in
 * intl-messageformat (the preload bundles it), see ./i18n/index.ts.
 */
import { t, type MessageKey } from './i18n';
import type { BuiltInVariableName, SnippetKind } from './snippets';

const KIND_KEYS: Readonly<Record<SnippetKind, MessageKey>> = {
  signature: 'snippets.kind.signature',
  bio: 'snippets.kind.bio',
  header: 'snippets.kind.header',
  footer: 'snippets.kind.footer',
  text: 'snippets.kind.text',
};

const VARIABLE_KEYS: Readonly<Record<BuiltInVariableName, MessageKey>> = {
  'author.name': 'snippets.variable.authorName',
  'author.email': 'snippets.variable.authorEmail',
  'blog.name': 'snippets.variable.blogName',
  'blog.url': 'snippets.variable.blogUrl',
  'post.title': 'snippets.variable.postTitle',
  'post.url': 'snippets.variable.postUrl',
  'post.originalUrl': 'snippets.variable.postOriginalUrl',
  'post.date': 'snippets.variable.postDate',
  'post.date.short': 'snippets.variable.postDateShort',
  'post.date.iso': 'snippets.variable.postDateIso',
  'post.date.year': 'snippets.variable.postDateYear',
};

/** A snippet kind's name ("Signature", "Free text"), also the base of a new snippet's name. */
export function snippetKindLabel(kind: SnippetKind): string {
  const key = KIND_KEYS[kind] as MessageKey | undefined;
  return key ? t(key) : kind;
}

/** What a built-in variable holds, as the Snippets screen lists it. */
export function variableDescription(name: BuiltInVariableName): string {
  return t(VARIABLE_KEYS[name]);
}
