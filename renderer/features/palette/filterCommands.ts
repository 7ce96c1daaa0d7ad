import { t, type MessageKey } from '../../../electron/contract/i18n';
import type { CommandGroup, CommandSpec } from '../../commands/registry';

const GROUP_NAMES: Readonly<Record<CommandGroup, MessageKey>> = {
  File: 'commandGroup.file',
  Edit: 'commandGroup.edit',
  Format: 'commandGroup.format',
  View: 'commandGroup.view',
  Appearance: 'commandGroup.appearance',
  Help: 'commandGroup.help',
};

/** A command group's name as the palette shows it (and its filter matches), in the author's language. */
export function commandGroupName(group: CommandGroup): string {
  return t(GROUP_NAMES[group]);
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * The commands whose name, group (as shown: translated) or keywords contain every word typed (in
 * any order), best first: a name that starts with the query, then a word of the name that does,
 * then the rest, each in menu order. An empty query keeps them all.
 */
export function filterCommands(commands: readonly CommandSpec[], query: string): CommandSpec[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const q = words.join(' ');
  const ranked: { command: CommandSpec; rank: number; index: number }[] = [];
  commands.forEach((command, index) => {
    const title = fold(command.title);
    const haystack = [
      title,
      fold(commandGroupName(command.group)),
      ...(command.keywords ?? []).map(fold),
    ].join(' ');
    if (!words.every((word) => haystack.includes(word))) return;
    const rank = title.startsWith(q) ? 0 : title.split(/[\s:]+/).some((w) => w.startsWith(words[0]!)) ? 1 : 2;
    ranked.push({ command, rank, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.command);
}
