/**
 * Accessibility proofs: axe-core (WCAG 2.0/2.1 A and AA rules) on every screen of
 * e2e/support/screens.ts in the light and the dark theme, failing on any serious or critical
 * finding; and keyboard proofs: a sensible Tab order, a visible focus indicator on every control
 * Tab reaches, and dialogs that trap focus, close on Escape and give focus back to their opener.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SCREENS, screen as screenById, seedWriting, setTheme, type Theme } from './support/screens';

const THEMES: Theme[] = ['light', 'dark'];

/** axe's serious and critical findings on the page, one readable line per element. */
async function seriousFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help}\n    ${n.failureSummary?.replace(/\n/g, '\n    ') ?? ''}`,
      ),
    );
}

test.describe('axe: no serious or critical finding', () => {
  // One walk to each screen, scanned in both themes: the theme preference stays "Same as the
  // system" and the system's colour scheme is switched (light-dark() follows it like data-theme).
  for (const screen of SCREENS) {
    test(`${screen.title}`, async ({ signet }) => {
      const page = signet.page;
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      const app = await seedWriting(signet);
      await screen.open(app, signet);
      const report: string[] = [];
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await page.waitForTimeout(200);
        report.push(...(await seriousFindings(page)).map((f) => `[${theme}] ${f}`));
      }
      expect(report, `axe found on "${screen.title}":\n${report.join('\n')}`).toEqual([]);
    });
  }

  // The preference itself (Settings, Ctrl+Shift+L, the palette) sets data-theme on <html>.
  for (const theme of THEMES) {
    test(`main window with the ${theme} theme chosen in the app`, async ({ signet }) => {
      const app = await seedWriting(signet);
      await setTheme(signet.page, theme);
      await screenById('main').open(app, signet);
      const findings = await seriousFindings(signet.page);
      expect(findings, `axe found (${theme}):\n${findings.join('\n')}`).toEqual([]);
    });
  }
});

/** What the focused element is, as a person would name it: role and accessible name. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nothing)';
    const label =
      el.getAttribute('aria-label') ??
      (el.getAttribute('aria-labelledby')
        ? document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent
        : null) ??
      (el instanceof HTMLInputElement ? el.placeholder : el.textContent);
    return `${el.tagName.toLowerCase()}:${(label ?? '').trim().slice(0, 40)}`;
  });
}

/** True when the focused element shows an outline or a box-shadow (the focus ring). */
async function showsFocusRing(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    // An underline-style ring (the title field draws a thicker bottom border when focused).
    const border = parseFloat(style.borderBottomWidth) >= 2 && style.borderBottomStyle !== 'none';
    // The writing area draws no frame (editor.css says why): its caret, in the accent colour and
    // never the text's colour, shows where focus is, as in a word processor.
    const caret =
      el.isContentEditable &&
      !['auto', 'transparent', 'rgba(0, 0, 0, 0)', style.color].includes(style.caretColor);
    return outline || shadow || border || caret;
  });
}

/** Tabs forward until `done` is focused (or `max` presses), recording each stop. */
async function tabThrough(page: Page, max: number): Promise<Array<{ name: string; ring: boolean }>> {
  const stops: Array<{ name: string; ring: boolean }> = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    stops.push({ name: await focusedName(page), ring: await showsFocusRing(page) });
  }
  return stops;
}

test.describe('keyboard', () => {
  for (const theme of THEMES) {
    test(`Tab walks the header, the draft list and the editor in order, each with a visible focus ring (${theme})`, async ({
      signet,
    }) => {
      const app = await seedWriting(signet);
      await app.openDraft('Notes from a week of slow travel');
      const page = signet.page;
      // The theme preference, as a person would toggle it (Ctrl+Shift+L; the system is light here).
      await page.emulateMedia({ colorScheme: 'light' });
      if (theme === 'dark') await page.keyboard.press('Control+Shift+L');
      else await setTheme(page, 'light');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Start from the top of the document, as after the window opens.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const stops = await tabThrough(page, 60);
      // Focus may start where the last click was: read the order from the header's first button on.
      const commands = stops.findIndex((s) => /^button:Commands/.test(s.name));
      const index = (pattern: RegExp) => stops.findIndex((s, i) => i >= commands && pattern.test(s.name));

      const settings = index(/^button:Settings/);
      const newDraft = index(/^button:New draft/);
      const search = index(/^input:Search drafts/);
      const title = index(/^input:Title/);
      const body = index(/^div:Draft body/);
      const publish = index(/^button:Publish…/);
      const walked = stops.map((s) => s.name).join(' → ');
      const order = { commands, settings, newDraft, search, publish, title, body };
      for (const [name, at] of Object.entries(order))
        expect(at, `Tab never reached ${name}: ${walked}`).toBeGreaterThan(-1);
      // Header first, then the draft list, then the draft's toolbar, its title and its text.
      const sequence = [commands, settings, newDraft, search, publish, title, body];
      expect(sequence, `Tab order: ${walked}`).toEqual([...sequence].sort((a, b) => a - b));

      // Every control Tab stopped at shows where the focus is.
      const upToBody = stops.slice(commands, body + 1);
      const withoutRing = upToBody.filter((s) => !s.ring).map((s) => s.name);
      expect(withoutRing, 'controls without a visible focus indicator').toEqual([]);
    });
  }

  /** Dialogs opened from a header or toolbar button: focus stays inside, Escape closes, focus returns. */
  const DIALOGS: Array<{ opener: string | RegExp; dialog: string }> = [
    { opener: 'Settings', dialog: 'Settings' },
    { opener: 'Accounts', dialog: 'Blog accounts' },
    { opener: 'Snippets', dialog: 'Snippets' },
    { opener: 'Open from blog', dialog: 'Open from blog' },
    { opener: /^Outbox/, dialog: 'Outbox' },
    { opener: 'Publish…', dialog: 'Publish' },
    { opener: 'Revisions', dialog: 'Revisions' },
    { opener: /^Destinations/, dialog: 'Destinations' },
    { opener: 'Insert from media library', dialog: 'Insert from media library' },
  ];

  for (const { opener, dialog } of DIALOGS) {
    test(`the ${dialog} dialog traps focus, closes on Escape and returns focus to its opener`, async ({
      signet,
    }) => {
      const app = await seedWriting(signet);
      await app.openDraft('Notes from a week of slow travel');
      const page = signet.page;
      const button: Locator = page.getByRole('button', { name: opener, exact: typeof opener === 'string' });
      await button.focus();
      await page.keyboard.press('Enter');
      const shown = page.getByRole('dialog', { name: dialog });
      await expect(shown).toBeVisible();
      // Focus moved into the dialog, and 25 Tabs (more than the dialog's controls, so it wraps) and
      // Shift+Tabs never leave it for the page behind it.
      for (const key of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press(key);
          const inside = await shown.evaluate((d) => {
            const active = document.activeElement;
            // The browser's own chrome (the address bar) may take one stop when focus wraps.
            return active === document.body || active === null || d.contains(active);
          });
          expect(inside, `after ${i + 1} × ${key}, focus left the ${dialog} dialog`).toBe(true);
        }
      }
      await page.keyboard.press('Escape');
      await expect(shown).toBeHidden();
      await expect(button).toBeFocused();
    });
  }
});
