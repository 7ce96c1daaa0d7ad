// @vitest-environment happy-dom
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, expect, it, vi } from 'vitest';
import { RetryError } from './RetryError';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

function render(element: ReactElement) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root.render(element));
}

/** The button an assistive technology would name "Try again". */
function tryAgainButton() {
  return [...container.querySelectorAll('button')].find((b) => b.textContent === 'Try again');
}

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

it('announces the message and runs the step again once per click on "Try again"', () => {
  const onRetry = vi.fn();
  render(<RetryError message="The drafts could not be listed: disk full" onRetry={onRetry} />);
  const alert = container.querySelector('[role="alert"]');
  expect(alert?.textContent).toContain('The drafts could not be listed: disk full');
  const button = tryAgainButton();
  expect(button).toBeDefined();
  expect(alert?.contains(button!)).toBe(true);
  expect(onRetry).not.toHaveBeenCalled();
  act(() => button!.click());
  expect(onRetry).toHaveBeenCalledTimes(1);
});

it('shows only the message when there is nothing to retry', () => {
  render(<RetryError message="The outbox could not be read." />);
  expect(container.querySelector('[role="alert"]')?.textContent).toBe('The outbox could not be read.');
  expect(tryAgainButton()).toBeUndefined();
});
