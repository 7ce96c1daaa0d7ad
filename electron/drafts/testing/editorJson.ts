/**
 * Editor-state JSON as the editor saves it, for tests that build drafts and snippets by hand.
 * (`paragraphs` in ./helpers.ts is the short form for plain text.)
 */
import type { EditorStateJSON, SerializedSnippetNode } from '../../contract';

export const BOLD = 1;

export const jsonText = (content: string, format = 0) => ({
  type: 'text',
  version: 1,
  text: content,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
});

export const jsonLink = (url: string, ...children: unknown[]) => ({
  type: 'link',
  version: 1,
  url,
  rel: null,
  target: null,
  title: null,
  direction: 'ltr',
  format: '',
  indent: 0,
  children,
});

export const jsonParagraph = (...children: unknown[]) => ({
  type: 'paragraph',
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  children,
});

export const jsonHeading = (tag: 'h2' | 'h3', ...children: unknown[]) => ({
  type: 'heading',
  version: 1,
  tag,
  direction: 'ltr',
  format: '',
  indent: 0,
  children,
});

export const jsonSnippet = (snippetId: string, name: string, html = ''): SerializedSnippetNode => ({
  type: 'snippet',
  version: 1,
  snippetId,
  name,
  html,
});

export const jsonState = (...children: unknown[]): EditorStateJSON => ({
  root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children },
});
