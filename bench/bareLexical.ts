/**
 * The baseline for the typing benchmark: a bare Lexical 0.52 rich-text editor (rich text and
 * history, nothing of Signet's), styled like Signet's editor column, holding the same draft.
 * Bundled by esbuild at run time and loaded into a blank page by bench/browser.ts.
 */
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { createEditor } from 'lexical';

const CSS = `
  html, body { margin: 0; height: 100%; font: 15px system-ui, sans-serif; }
  .page { height: 100%; overflow-y: auto; padding: 24px 32px 64px; box-sizing: border-box; }
  .body { max-width: 72ch; margin: 0 auto; min-height: 60vh; outline: none; font-size: 18px;
    line-height: 1.65; overflow-wrap: break-word; }
`;

function start(paragraphs: string[]): void {
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.append(style);
  const page = document.createElement('div');
  page.className = 'page';
  const root = document.createElement('div');
  root.className = 'body';
  root.contentEditable = 'true';
  root.setAttribute('role', 'textbox');
  root.setAttribute('aria-multiline', 'true');
  root.setAttribute('aria-label', 'Draft body');
  page.append(root);
  document.body.append(page);

  const editor = createEditor({
    namespace: 'bare',
    nodes: [HeadingNode, QuoteNode],
    onError: (error) => {
      throw error;
    },
  });
  registerRichText(editor);
  registerHistory(editor, createEmptyHistoryState(), 300);
  editor.setRootElement(root);
  const text = (t: string) => ({
    type: 'text',
    version: 1,
    text: t,
    format: 0,
    style: '',
    mode: 'normal',
    detail: 0,
  });
  const state = {
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: paragraphs.map((t) => ({
        type: 'paragraph',
        version: 1,
        direction: null,
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: t ? [text(t)] : [],
      })),
    },
  };
  editor.setEditorState(editor.parseEditorState(JSON.stringify(state)));
}

(window as unknown as { startBareLexical: typeof start }).startBareLexical = start;
