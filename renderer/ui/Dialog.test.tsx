// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it('closing a dialog opened inside another leaves the outer one open', () => {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  const onOuterClose = vi.fn();
  const onInnerClose = vi.fn();
  act(() =>
    root.render(
      <Dialog title="Outer" open onClose={onOuterClose}>
        <Dialog title="Inner" open onClose={onInnerClose}>
          <p>Inside</p>
        </Dialog>
      </Dialog>,
    ),
  );
  const [outer, inner] = [...container.querySelectorAll('dialog')];
  act(() => {
    inner!.dispatchEvent(new Event('cancel', { cancelable: true }));
    inner!.dispatchEvent(new Event('close'));
  });
  expect(onInnerClose).toHaveBeenCalledTimes(2);
  expect(onOuterClose).not.toHaveBeenCalled();
  act(() => outer!.dispatchEvent(new Event('close')));
  expect(onOuterClose).toHaveBeenCalledTimes(1);
  act(() => root.unmount());
  container.remove();
});
