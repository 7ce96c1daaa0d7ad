import { test, expect } from './fixtures';
import { COMMAND_REGISTRY } from '../renderer/commands/registry';
import { appliedZoom, commandPalette, runFromPalette, SignetPage } from './pages/SignetPage';

test.describe('command palette', () => {
  test('lists every command with its shortcut, filters as you type, runs with Enter and gives focus back', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.startDraft('Palette draft', 'Before');

    await page.keyboard.press('Control+Shift+P');
    const palette = commandPalette(page);
    await expect(palette).toBeVisible();
    const input = palette.getByRole('combobox', { name: 'Command' });
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute('aria-expanded', 'true');
    const list = palette.getByRole('listbox', { name: 'Commands' });
    await expect(input).toHaveAttribute('aria-controls', (await list.getAttribute('id')) ?? 'missing');
    // Every command of the app, each with its shortcut where it has one.
    await expect(list.getByRole('option')).toHaveCount(COMMAND_REGISTRY.length);
    for (const [name, shortcut] of [
      ['New Draft', 'Ctrl+N'],
      ['Command Palette…', 'Ctrl+Shift+P'],
      ['Focus Mode', 'Ctrl+Shift+F'],
      ['Outline', 'Ctrl+Shift+O'],
      ['Zoom In', 'Ctrl+='],
      ['Zoom Out', 'Ctrl+-'],
      ['Actual Size', 'Ctrl+0'],
      ['Toggle Dark Theme', 'Ctrl+Shift+L'],
      ['Settings…', 'Ctrl+,'],
    ] as const) {
      await expect(list.getByRole('option', { name: `${name} ${shortcut}`, exact: true })).toBeVisible();
    }

    await input.fill('zoom in');
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('status')).toHaveText('1 command');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    // The command runs from the dialog's close event, a task after the dialog is hidden.
    await expect.poll(() => appliedZoom(page)).toBeCloseTo(1.1);

    // Focus and the caret are back in the body where they were.
    await expect(app.body).toBeFocused();
    await app.type(' after');
    await expect(app.body).toContainText('Before after');
  });

  test('arrow keys move the active option; Escape closes and returns focus', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.search.focus();

    await page.keyboard.press('Control+k');
    const palette = commandPalette(page);
    await expect(palette).toBeVisible();
    const input = palette.getByRole('combobox', { name: 'Command' });
    await input.fill('theme');
    const options = palette.getByRole('option');
    await expect(options).toHaveCount(4);
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true');
    await expect(options.nth(0)).toHaveAttribute('aria-selected', 'false');
    await expect(input).toHaveAttribute(
      'aria-activedescendant',
      (await options.nth(2).getAttribute('id')) ?? 'x',
    );
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Wraps from the first to the last.
    await expect(options.nth(3)).toHaveAttribute('aria-selected', 'true');

    await input.fill('no such thing');
    await expect(options).toHaveCount(0);
    await expect(palette.getByRole('status')).toContainText('No command matches “no such thing”');

    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(app.search).toBeFocused();
  });

  test('a command that moves focus wins over the focus given back; the mouse works too', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.newDraft('Find me');
    await app.body.click();
    // Find… in the draft's text opens the draft's find bar; anywhere else it searches the drafts.
    await runFromPalette(page, 'find', /^Find…/);
    await expect(app.findBar.getByRole('searchbox', { name: 'Find' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(app.findBar).toBeHidden();
    await app.draftList.getByRole('button').first().focus();
    await runFromPalette(page, 'find', /^Find…/);
    await expect(app.search).toBeFocused();

    await page.keyboard.press('Control+Shift+P');
    await commandPalette(page)
      .getByRole('option', { name: /^Theme: Dark/ })
      .click();
    await expect(commandPalette(page)).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('Ctrl+K in the editor still inserts a link', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.newDraft('Links');
    await app.focusBodyEnd();
    await app.type('word');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Insert link' })).toBeVisible();
    await expect(commandPalette(page)).toBeHidden();
  });

  test('the toolbar’s formatting is in the palette by name, with the editor’s shortcuts', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.newDraft('Formatting');
    await app.focusBodyEnd();
    await app.type('Loud words');
    await page.keyboard.press('Shift+Home');
    await app.settle();

    await page.keyboard.press('Control+Shift+P');
    const list = commandPalette(page).getByRole('listbox', { name: 'Commands' });
    await expect(list.getByRole('option', { name: 'Bold Ctrl+B', exact: true })).toBeVisible();
    await expect(
      list.getByRole('option', { name: 'Insert or Edit Link… Ctrl+K', exact: true }),
    ).toBeVisible();
    await page.keyboard.press('Escape');

    await runFromPalette(page, 'bold', 'Bold Ctrl+B');
    await expect(app.body.locator('strong, b').filter({ hasText: 'Loud words' })).toHaveCount(1);
    await runFromPalette(page, 'heading 2', 'Heading 2');
    await expect(app.body.getByRole('heading', { level: 2, name: 'Loud words' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Bold/ })).toHaveAttribute('aria-pressed', 'true');
    await runFromPalette(page, 'paragraph', 'Paragraph');
    await expect(app.body.getByRole('heading', { name: 'Loud words' })).toHaveCount(0);
    // The caret is back in the text: typing goes on where it was.
    await page.keyboard.press('End');
    await app.type('!');
    await expect(app.body).toContainText('Loud words!');
  });
});
