// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { PublishOptions, ThemePreview } from '../../../electron/contract';
import { requestSchemas } from '../../../electron/contract/schemas';
import { PreviewPane } from './PreviewPane';
import { getByRole } from './testDom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const OPTIONS: PublishOptions = {
  accountId: 'acc_1',
  postType: 'post',
  status: 'draft',
  tags: [],
  categories: [],
};
const THEME: ThemePreview = {
  html: '<!doctype html><html><body><main><p>In the theme</p></main></body></html>',
  fetchedAt: '2026-11-23T10:00:00.000Z',
  fromCache: true,
  warnings: ['Signet could not fetch the blog’s theme again, so this is the theme as it was.'],
};

let container: HTMLElement;
let root: Root;
let requests: Array<Record<string, unknown>>;
let answer: () => { ok: true; value: ThemePreview } | { ok: false; error: { code: string; message: string } };

beforeEach(() => {
  requests = [];
  answer = () => ({ ok: true, value: THEME });
  (window as unknown as { signet: unknown }).signet = {
    previewInTheme: async (request: Record<string, unknown>) => {
      // The real request schema: what the main process would refuse, this refuses.
      requestSchemas.previewInTheme.parse(request);
      requests.push(request);
      return answer();
    },
  };
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function tab(name: string): HTMLElement {
  const found = Array.from(container.querySelectorAll<HTMLElement>('[role="tab"]')).find(
    (t) => t.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no tab “${name}”`);
  return found;
}

async function settle(ms = 400) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

function render(withTheme: boolean) {
  const plain = { title: 'Boats', html: '<p>Plain body</p>', warnings: [], imagesToUpload: 0 } as never;
  act(() =>
    root.render(
      <PreviewPane
        preview={plain}
        showSource={false}
        articleLabel="Post preview"
        {...(withTheme
          ? {
              theme: {
                draftId: 'draft_1',
                options: OPTIONS,
                tick: 0,
                beforePreview: async () => {},
                siteName: 'Harbour',
              },
            }
          : {})}
      />,
    ),
  );
}

describe('PreviewPane’s blog-theme tab', () => {
  it('without a theme source: only the plain preview, no tabs', () => {
    render(false);
    expect(container.querySelector('[role="tablist"]')).toBeNull();
    expect(getByRole(container, 'article', 'Post preview').textContent).toContain('Plain body');
  });

  it('asks nothing until the tab is chosen, then shows the frame sandboxed with its notes', async () => {
    render(true);
    expect(tab('Plain').getAttribute('aria-selected')).toBe('true');
    await settle();
    expect(requests).toEqual([]);
    act(() => tab('In the blog’s theme').click());
    await settle();
    expect(requests).toEqual([{ draftId: 'draft_1', options: OPTIONS }]);
    const frame = container.querySelector('iframe')!;
    expect(frame.getAttribute('title')).toBe('Post in Harbour’s theme');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toBe(THEME.html);
    expect(container.querySelector('[role="status"]')!.textContent).toMatch(
      /^Harbour’s theme as fetched .* \(kept copy\)\.$/,
    );
    expect(getByRole(container, 'list', 'Theme notes').textContent).toContain('could not fetch');
  });

  it('“Refresh theme” asks the main process to fetch again', async () => {
    render(true);
    act(() => tab('In the blog’s theme').click());
    await settle();
    act(() => getByRole(container, 'button', 'Refresh theme').click());
    await settle();
    expect(requests.at(-1)).toEqual({ draftId: 'draft_1', options: OPTIONS, refresh: true });
  });

  it('says what happened and what to do when there is no theme', async () => {
    answer = () => ({
      ok: false,
      error: {
        code: 'OFFLINE',
        message: 'Signet could not reach harbour.example to fetch the blog’s theme. Check the connection.',
      },
    });
    render(true);
    act(() => tab('In the blog’s theme').click());
    await settle();
    expect(getByRole(container, 'alert').textContent).toMatch(
      /could not reach harbour\.example.*Check the connection/,
    );
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('moves between tabs with the arrow keys', () => {
    render(true);
    act(() => tab('Plain').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(tab('In the blog’s theme').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('In the blog’s theme'));
  });
});
