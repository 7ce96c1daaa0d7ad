/**
 * Where hostile content enters Signet and where it leaves, as plain functions for the hostile
 * corpus tests and the fuzz run (bench/suites/hostileFuzz.ts):
 *
 * - in: paste (the renderer's `sanitizePastedHtmlToDom` + Lexical's HTML import into the editor's
 *   own nodes, as PastePlugin does, with the editor's document rules of ContentRulesPlugin), Markdown import (`importMarkdown`), a post opened from a blog
 *   (`importHtml`);
 * - out: the body composed for each platform (WordPress blocks and HTML, Ghost, Blogger and
 *   Micropub, static-site Markdown), exactly as PublishingService.composeFor picks the options.
 *
 * The renderer's modules are loaded with a computed specifier: they compile in the renderer's
 * TypeScript project (DOM library), which this one does not reference. Outside a DOM test
 * environment a happy-dom window is installed as the global one first.
 */
import { Window } from 'happy-dom';
import type { $insertGeneratedNodes } from '@lexical/clipboard';
import type { $generateNodesFromDOM } from '@lexical/html';
import type * as Lexical from 'lexical';
import type { LexicalEditor } from 'lexical';

import type { EditorStateJSON } from '../../electron/contract';
import { composeHtml } from '../../electron/publishing/compose/compose';
import { importHtml } from '../../electron/publishing/compose/importHtml';
import { composeMarkdown, importMarkdown } from '../../electron/publishing/compose/markdown';
import {
  findExecutableHtml,
  findExecutableMarkdown,
  isDangerousUrl,
  type Finding,
} from '../../electron/security/testing/executable';

export interface Target {
  name: string;
  kind: 'html' | 'markdown';
  compose(state: EditorStateJSON): string;
}

// Every image of the draft has been "uploaded" to a fixed web address.
const images = (fileName: string) => ({
  url: `https://blog.example.com/media/${encodeURIComponent(fileName)}`,
});

/** One per distinct body format in the platforms' `body(account)`. */
export const TARGETS: Target[] = [
  { name: 'wordpress-blocks', kind: 'html', compose: (s) => composeHtml(s, { format: 'gutenberg', images, readMore: 'wordpress', embeds: 'wordpress' }).html },
  { name: 'wordpress-html', kind: 'html', compose: (s) => composeHtml(s, { format: 'html', images, readMore: 'wordpress', embeds: 'wordpress' }).html },
  { name: 'ghost', kind: 'html', compose: (s) => composeHtml(s, { format: 'html', images, readMore: 'none', embeds: 'ghost' }).html },
  { name: 'blogger-micropub', kind: 'html', compose: (s) => composeHtml(s, { format: 'html', images, readMore: 'none', embeds: 'link' }).html },
  { name: 'static-markdown', kind: 'markdown', compose: (s) => composeMarkdown(s, { images, readMore: 'wordpress' }).markdown },
]; // prettier-ignore

export function findExecutable(kind: 'html' | 'markdown', output: string): Finding[] {
  return kind === 'html' ? findExecutableHtml(output) : findExecutableMarkdown(output);
}

interface RendererModules {
  sanitizePastedHtmlToDom(html: string, win?: Window): HTMLElement;
  createTestEditor(): LexicalEditor;
  registerContentRules(editor: LexicalEditor): () => void;
  installBrowserNodeName(): void;
  $generateNodesFromDOM: typeof $generateNodesFromDOM;
  $insertGeneratedNodes: typeof $insertGeneratedNodes;
  lexical: typeof Lexical;
}

let renderer: RendererModules | null = null;

/** The happy-dom window installed as the global one by {@link ensureDomGlobals}, if it was. */
let ownWindow: Window | null = null;

const GLOBAL_DOM_NAMES = [
  'window',
  'document',
  'Node',
  'Element',
  'HTMLElement',
  'DOMParser',
  'DocumentFragment',
  'Text',
  'MutationObserver',
  'getComputedStyle',
  'navigator',
  'NodeFilter',
] as const;

function installWindow(): void {
  const g = globalThis as Record<string, unknown>;
  const win = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } }); // prettier-ignore
  for (const name of GLOBAL_DOM_NAMES) {
    const value = (win as unknown as Record<string, unknown>)[name];
    g[name] = typeof value === 'function' && name === 'getComputedStyle' ? value.bind(win) : value;
  }
  g.window = win;
  ownWindow = win;
}

/** A happy-dom window as the global one, as in the renderer's tests, when there is none. */
function ensureDomGlobals(): void {
  if ((globalThis as Record<string, unknown>).window !== undefined) return;
  installWindow();
}

/**
 * Puts a fresh happy-dom window in place of the one this module installed (none is replaced in an
 * environment that brought its own). happy-dom keeps something of every document DOMPurify parses
 * in a window (about 12 kB a paste), which a browser does not: a long fuzz renews the window
 * between batches so its memory stays flat.
 */
export async function renewPasteDom(): Promise<void> {
  if (ownWindow === null) return;
  const old = ownWindow;
  installWindow();
  renderer?.installBrowserNodeName();
  await old.happyDOM.close();
}

/** Loads the renderer's paste code (once). */
export async function loadPastePipeline(): Promise<void> {
  if (renderer !== null) return;
  ensureDomGlobals();
  const root = '../../renderer/editor/';
  const load = (file: string) => import(/* @vite-ignore */ `${root}${file}`);
  const [sanitize, headless, contentRules, nodeName, html, clipboard, lexical] = await Promise.all([
    load('serialization/sanitizePastedHtml.ts'),
    load('testing/headlessEditor.ts'),
    load('plugins/ContentRulesPlugin/index.tsx'),
    load('testing/happyDomNodeName.ts'),
    import('@lexical/html'),
    import('@lexical/clipboard'),
    import('lexical'),
  ]);
  renderer = {
    sanitizePastedHtmlToDom: sanitize.sanitizePastedHtmlToDom,
    createTestEditor: headless.createTestEditor,
    registerContentRules: contentRules.registerContentRules,
    installBrowserNodeName: nodeName.installBrowserNodeName,
    $generateNodesFromDOM: html.$generateNodesFromDOM,
    $insertGeneratedNodes: clipboard.$insertGeneratedNodes,
    lexical,
  };
  // DOMPurify needs a browser's Node.prototype.nodeName (see happyDomNodeName.ts).
  renderer.installBrowserNodeName();
}

export interface PasteResult {
  /** The sanitised HTML PastePlugin hands to Lexical. */
  sanitized: string;
  /** The draft's editor state after the paste. */
  state: EditorStateJSON;
}

/** Pastes `html` into an empty draft as PastePlugin does. Call {@link loadPastePipeline} first. */
export function paste(html: string): PasteResult {
  const r = renderer;
  if (r === null) throw new Error('Call loadPastePipeline() before paste()');
  const { $getRoot, $createParagraphNode, $getSelection } = r.lexical;
  const body = r.sanitizePastedHtmlToDom(html);
  const sanitized = body.innerHTML;
  const editor = r.createTestEditor();
  // The editor's own document rules run on what is pasted, as ContentRulesPlugin does in the app.
  r.registerContentRules(editor);
  editor.update(
    () => {
      const paragraph = $createParagraphNode();
      $getRoot().clear().append(paragraph);
      paragraph.select();
      const nodes = r.$generateNodesFromDOM(editor, body);
      const selection = $getSelection();
      if (selection !== null) r.$insertGeneratedNodes(editor, nodes, selection);
    },
    { discrete: true },
  );
  const { root } = editor.getEditorState().toJSON();
  return { sanitized, state: { root: root as unknown as Record<string, unknown> } };
}

/** Markdown import: the draft's editor state. */
export function importMarkdownState(markdown: string): EditorStateJSON {
  return importMarkdown(markdown).editorState;
}

/** A post opened from a blog: the draft's editor state. */
export function importHtmlState(html: string): EditorStateJSON {
  return importHtml(html);
}

/** The text of an editor state (every text node's text, spaces collapsed). */
export function stateText(state: EditorStateJSON): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    // Text, an image's caption and alt text, an embed's address.
    for (const key of ['text', 'caption', 'altText', 'url'])
      if (typeof record[key] === 'string' && (key !== 'url' || record.type === 'embed'))
        parts.push(record[key]);
    if (typeof record.caption === 'object') visit(record.caption);
    if (Array.isArray(record.children)) for (const child of record.children) visit(child);
    parts.push(' ');
  };
  visit(state.root);
  return parts.join('').replace(/\s+/g, ' ');
}

/** Every URL-ish string stored in an editor state (link urls, image srcs, embed urls). */
export function stateUrls(state: EditorStateJSON): Array<[key: string, url: string]> {
  const urls: Array<[string, string]> = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && /^(url|src|href)$/i.test(key)) urls.push([key.toLowerCase(), value]);
      else if (typeof value === 'object') visit(value);
    }
  };
  visit(state.root);
  return urls;
}

/** One run of `source` through every way in and every way out; every finding, labelled. */
export function runEverywhere(
  source: string,
  ways: Array<'paste' | 'markdown' | 'blog'> = ['paste', 'markdown', 'blog'],
  targets: Target[] = TARGETS,
): Array<{ where: string; finding: Finding }> {
  const out: Array<{ where: string; finding: Finding }> = [];
  const add = (where: string, findings: Finding[]) => {
    for (const finding of findings) out.push({ where, finding });
  };
  const states: Array<[string, EditorStateJSON]> = [];
  if (ways.includes('paste')) {
    const pasted = paste(source);
    add('paste sanitizer', findExecutableHtml(pasted.sanitized));
    states.push(['paste', pasted.state]);
  }
  if (ways.includes('markdown')) states.push(['markdown import', importMarkdownState(source)]);
  if (ways.includes('blog')) states.push(['open from blog', importHtmlState(source)]);
  for (const [from, state] of states) {
    for (const [key, url] of stateUrls(state)) {
      if (key === 'src' ? isDangerousUrl(url, 'img', 'src') : isDangerousUrl(url))
        out.push({ where: `${from} → editor state`, finding: { rule: 'url-scheme', detail: url } });
    }
    for (const target of targets)
      add(`${from} → ${target.name}`, findExecutable(target.kind, target.compose(state)));
  }
  return out;
}
