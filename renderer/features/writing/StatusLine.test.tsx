// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { StatusLine, type StatusLineProps } from './StatusLine';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function render(props: Partial<StatusLineProps> = {}) {
  const saved: Array<number | undefined> = [];
  const all: StatusLineProps = {
    words: 460,
    characters: 2600,
    wordGoal: undefined,
    onGoalChange: async (goal) => {
      saved.push(goal);
    },
    outlineOpen: false,
    onToggleOutline: () => undefined,
    onFind: () => undefined,
    readOnly: false,
    ...props,
  };
  act(() => root.render(<StatusLine {...all} />));
  return saved;
}

const byLabel = (label: string) => host.querySelector(`[aria-label="${label}"]`);
function button(name: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}
async function submitGoal(value: string) {
  const input = host.querySelector<HTMLInputElement>('[role="dialog"] input');
  if (!input) throw new Error('no goal input');
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => button('Save goal').click());
}

describe('the status line', () => {
  it('shows words, characters and reading time', () => {
    render();
    expect(byLabel('Word count')?.textContent).toBe('460 words');
    expect(byLabel('Character count')?.textContent).toMatch(/^2.600 characters$/);
    expect(byLabel('Reading time')?.textContent).toBe('2 min read');
    expect(byLabel('Word goal progress')).toBeNull();
  });

  it('sets a goal after checking what was typed', async () => {
    const saved = render();
    await act(async () => button('Set word goal').click());
    await submitGoal('soon');
    expect(host.querySelector('[role="alert"]')?.textContent).toContain('whole number');
    expect(saved).toEqual([]);
    await submitGoal('1000');
    expect(saved).toEqual([1000]);
    expect(host.querySelector('[role="dialog"]')).toBeNull();
  });

  it('says why a goal was not saved and keeps the form open', async () => {
    render({
      wordGoal: 800,
      onGoalChange: () => Promise.reject(new Error('The word goal was not saved: the disk is full.')),
    });
    expect(byLabel('Word goal progress')?.textContent).toBe('460 of 800 words (57%)');
    await act(async () => button('Change word goal').click());
    await act(async () => button('Remove goal').click());
    expect(host.querySelector('[role="alert"]')?.textContent).toBe(
      'The word goal was not saved: the disk is full.',
    );
    expect(host.querySelector('[role="dialog"]')).not.toBeNull();
  });
});
