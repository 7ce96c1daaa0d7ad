// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EditorStateJSON } from '../../../../electron/contract';
import { SignetEditor, type SignetEditorApi } from '../../SignetEditor';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// happy-dom has no layout: the panel places itself against its offsetParent.
if (!('offsetParent' in HTMLElement.prototype) || document.body.offsetParent === undefined) {
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.parentElement;
    },
  });
}

const text = (value: string) => ({
  type: 'text',
  version: 1,
  text: value,
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
});
const paragraph = (value: string) => ({
  type: 'paragraph',
  version: 1,
  children: value ? [text(value)] : [],
  direction: null,
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
});
const image = (fileName: string) => ({ type: 'image', version: 1, fileName, altText: '', caption: '' });

/** A draft with two images that have no alt text yet. */
const TWO_IMAGES: EditorStateJSON = {
  root: {
    type: 'root',
    version: 1,
    children: [paragraph('Boats came in at dusk.'), image('boats.png'), image('lights.png'), paragraph('')],
    direction: null,
    format: '',
    indent: 0,
  },
};

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  vi.useFakeTimers();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.useRealTimers();
});

function mount() {
  let api: SignetEditorApi | null = null;
  const onChange = vi.fn();
  const onEdit = vi.fn();
  act(() => {
    root.render(
      <SignetEditor
        draftId="d1"
        initialState={TWO_IMAGES}
        onChange={onChange}
        onEdit={onEdit}
        onImageFiles={async () => []}
        resolveAssetUrl={(fileName) => `signet-asset://d1/${fileName}`}
        onReady={(ready) => {
          api = ready;
        }}
      />,
    );
  });
  return { api: () => api!, onChange, onEdit };
}

const images = () => [...container.querySelectorAll<HTMLImageElement>('img.signet-image__img')];
const alts = () => images().map((img) => img.getAttribute('alt'));

function altInput(): HTMLInputElement {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === 'Alt text');
  const input = label ? container.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`) : null;
  if (!input) throw new Error('the Alt text field is not shown');
  return input;
}

function toolbarButton(name: string): HTMLButtonElement {
  const found = container.querySelector<HTMLButtonElement>(`[role="toolbar"] button[aria-label="${name}"]`);
  if (!found) throw new Error(`no toolbar button named ${name}`);
  return found;
}

function panelButton(name: string): HTMLButtonElement {
  const panel = container.querySelector('[role="group"][aria-label="Image details"]');
  const found = [...(panel?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name);
  if (!found) throw new Error(`no panel button named ${name}`);
  return found;
}

/** Clicks an image (selects it, which opens its panel). */
async function select(index: number): Promise<void> {
  await act(async () => {
    images()[index]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

/** Types (appends) into the alt text field the way React sees it: one input event per keystroke. */
async function typeAlt(value: string): Promise<void> {
  const input = altInput();
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  input.focus();
  // Each keystroke its own task, as in a browser (Lexical batches updates made in the same one).
  for (let i = input.value.length + 1; i <= value.length; i++) {
    await act(async () => {
      setValue.call(input, value.slice(0, i));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

/**
 * Done removes the panel while its button has focus. Chromium then gives React no blur for it
 * (the e2e probe showed the panel's onBlur does not run), and happy-dom sends none either.
 */
async function done(): Promise<void> {
  await act(async () => panelButton('Done').click());
}

describe('ImageInspectorPlugin', () => {
  it('makes each image’s alt text its own undo step, also for the next image after Done', async () => {
    mount();
    await select(0);
    await typeAlt('Blue boats');
    await done();
    await act(async () => vi.advanceTimersByTime(1000));
    await select(1);
    await typeAlt('Yellow lights');
    await done();
    expect(alts()).toEqual(['Blue boats', 'Yellow lights']);

    // One undo takes back the second alt text, all of it, and nothing else.
    await act(async () => toolbarButton('Undo').click());
    expect(alts()).toEqual(['Blue boats', '']);
    await act(async () => toolbarButton('Undo').click());
    expect(alts()).toEqual(['', '']);
  });

  it('tells the host at once that alt text typed in the panel is unsaved, then reports it', async () => {
    const { onChange, onEdit, api } = mount();
    await select(0);
    await typeAlt('Blue boats');
    await done();
    await act(async () => vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(1);
    onEdit.mockClear();

    // The next image: the first keystroke is an edit the host hears about before the report.
    await select(1);
    await typeAlt('Y');
    expect(onEdit).toHaveBeenCalledTimes(1);
    expect(api().hasPendingChange()).toBe(true);
    await act(async () => vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(2);

    // A pause, then more of the same alt text (merged into the same undo step): still an edit.
    onEdit.mockClear();
    await typeAlt('Yellow lights');
    expect(onEdit).toHaveBeenCalledTimes(1);
    await act(async () => vi.advanceTimersByTime(1000));
    expect(onChange).toHaveBeenCalledTimes(3);
    expect(JSON.stringify(onChange.mock.lastCall?.[0])).toContain('"altText":"Yellow lights"');
  });
});
