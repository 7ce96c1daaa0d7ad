// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { harbour } from './fixtures';
import { MediaLibraryDialog } from './MediaLibraryDialog';
import { RemotePostsDialog } from './RemotePostsDialog';
import { getByRole, queryByRole } from './testDom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A main process whose first answer to each command is an error, and later ones `value`. */
function flakyMain(values: Record<string, unknown>) {
  const failed = new Set<string>();
  const calls: string[] = [];
  (window as unknown as { signet: unknown }).signet = new Proxy(
    {},
    {
      get: (_target, name: string) =>
        name === 'on'
          ? () => () => {}
          : () => {
              calls.push(name);
              if (!failed.has(name)) {
                failed.add(name);
                return Promise.resolve({
                  ok: false,
                  error: { code: 'OFFLINE', message: 'The blog could not be reached. Check the connection.' },
                });
              }
              return Promise.resolve({ ok: true, value: values[name] });
            },
    },
  );
  return calls;
}

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

const dialog = () => getByRole(container, 'dialog');

describe('loading, error and empty states', () => {
  it('Open from blog: loading, then what went wrong with Try again, then an empty blog with a way on', async () => {
    const calls = flakyMain({ listRemotePosts: { items: [], total: 0, totalPages: 0 } });
    act(() =>
      root.render(<RemotePostsDialog open accounts={[harbour]} onClose={() => {}} onOpened={() => {}} />),
    );
    expect(dialog().textContent).toContain('Loading the posts on Harbour Blog…');
    await settle(250);
    const alert = getByRole(dialog(), 'alert');
    expect(alert.textContent).toContain('Signet could not list the posts on Harbour Blog.');
    expect(alert.textContent).toContain('Check the connection.');
    act(() => getByRole(alert, 'button', 'Try again').click());
    await settle(250);
    expect(calls.filter((c) => c === 'listRemotePosts')).toHaveLength(2);
    expect(queryByRole(dialog(), 'alert')).toBeNull();
    expect(dialog().textContent).toContain('Harbour Blog has no posts yet.');
    expect(getByRole(dialog(), 'button', 'Back to writing')).toBeDefined();
  });

  it('the media library: the same, with a way on when the blog has no images', async () => {
    flakyMain({ listRemoteMedia: { items: [], totalPages: 0 } });
    act(() =>
      root.render(<MediaLibraryDialog open accounts={[harbour]} onClose={() => {}} onInsert={() => {}} />),
    );
    expect(dialog().textContent).toContain('Loading the images on Harbour Blog…');
    await settle(250);
    const alert = getByRole(dialog(), 'alert');
    expect(alert.textContent).toContain('Signet could not list the images on Harbour Blog.');
    act(() => getByRole(alert, 'button', 'Try again').click());
    await settle(250);
    expect(queryByRole(dialog(), 'alert')).toBeNull();
    expect(dialog().textContent).toContain('Harbour Blog has no images yet.');
    expect(getByRole(dialog(), 'button', 'Back to the draft')).toBeDefined();
  });
});
