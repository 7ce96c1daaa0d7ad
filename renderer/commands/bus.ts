/**
 * One way to run a command, whoever asks: the application menu (App bridges `menuCommand` here),
 * a keyboard shortcut, or the command palette. Screens that carry out a command subscribe with
 * `onCommand`, so they never care where it came from.
 */
import type { CommandId } from './registry';

const EVENT = 'signet:command';

export function runCommand(id: CommandId): void {
  window.dispatchEvent(new CustomEvent<CommandId>(EVENT, { detail: id }));
}

/** Calls `listener` for every command run; returns the unsubscribe function. */
export function onCommand(listener: (id: CommandId) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<CommandId>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
