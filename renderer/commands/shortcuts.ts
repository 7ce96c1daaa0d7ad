/**
 * Shortcuts in Electron's accelerator syntax (`CmdOrCtrl+Shift+P`), matched against keyboard
 * events and written for people (`Ctrl+Shift+P`, `⇧⌘P` on a Mac) and for `aria-keyshortcuts`.
 * https://www.electronjs.org/docs/latest/api/accelerator
 */

export interface ParsedShortcut {
  /** Cmd on a Mac, Ctrl elsewhere. */
  primary: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  /** The key, lower case (`p`, `=`, `-`, `0`, `,`, `escape`). */
  key: string;
}

export function parseShortcut(accelerator: string): ParsedShortcut {
  const parts = accelerator.split('+');
  // `CmdOrCtrl++` is not valid Electron; `Plus` names the key.
  const rawKey = parts.pop() ?? '';
  const result: ParsedShortcut = { primary: false, ctrl: false, alt: false, shift: false, key: '' };
  for (const part of parts.map((p) => p.toLowerCase())) {
    if (part === 'cmdorctrl' || part === 'commandorcontrol') result.primary = true;
    else if (part === 'ctrl' || part === 'control') result.ctrl = true;
    else if (part === 'alt' || part === 'option') result.alt = true;
    else if (part === 'shift') result.shift = true;
    else throw new Error(`Unknown modifier ${part} in ${accelerator}`);
  }
  result.key = rawKey === 'Plus' ? '=' : rawKey.toLowerCase();
  return result;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Does the key press match the shortcut? `=` also matches `+` (the same key with Shift). */
export function matchesShortcut(event: KeyLike, accelerator: string, isMac: boolean): boolean {
  const s = parseShortcut(accelerator);
  const wantMeta = isMac && s.primary;
  const wantCtrl = s.ctrl || (!isMac && s.primary);
  if (event.metaKey !== wantMeta || event.ctrlKey !== wantCtrl || event.altKey !== s.alt) return false;
  const key = event.key.toLowerCase();
  if (s.key === '=') return key === '=' || key === '+';
  if (event.shiftKey !== s.shift) return false;
  return key === s.key;
}

const MAC_SYMBOLS = { ctrl: '⌃', alt: '⌥', shift: '⇧', primary: '⌘' };

function keyLabel(key: string): string {
  if (key === 'escape') return 'Esc';
  return key.length === 1 ? key.toUpperCase() : key.charAt(0).toUpperCase() + key.slice(1);
}

/** `Ctrl+Shift+P` (Windows, Linux) or `⇧⌘P` (macOS, in Apple's modifier order). */
export function formatShortcut(accelerator: string, isMac: boolean): string {
  const s = parseShortcut(accelerator);
  if (isMac) {
    return (
      (s.ctrl ? MAC_SYMBOLS.ctrl : '') +
      (s.alt ? MAC_SYMBOLS.alt : '') +
      (s.shift ? MAC_SYMBOLS.shift : '') +
      (s.primary ? MAC_SYMBOLS.primary : '') +
      keyLabel(s.key)
    );
  }
  return [s.ctrl || s.primary ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', keyLabel(s.key)]
    .filter(Boolean)
    .join('+');
}

/** The value of `aria-keyshortcuts` (WAI-ARIA names the modifiers Control, Meta, Alt, Shift). */
export function ariaKeyShortcuts(accelerator: string, isMac: boolean): string {
  const s = parseShortcut(accelerator);
  const mods = [
    s.ctrl || (!isMac && s.primary) ? 'Control' : '',
    isMac && s.primary ? 'Meta' : '',
    s.alt ? 'Alt' : '',
    s.shift ? 'Shift' : '',
  ].filter(Boolean);
  const key = s.key === '=' ? 'Equal' : s.key === '-' ? 'Minus' : s.key === ',' ? 'Comma' : keyLabel(s.key);
  return [...mods, key].join('+');
}

export function isMacPlatform(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac/i.test(platform);
}
