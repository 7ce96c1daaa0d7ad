import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

test.describe('drafts', () => {
  test('write a formatted draft, autosave, restart and find everything intact', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('A tour of every element');
    await app.body.click();

    // Markdown shortcuts as you type.
    await app.type('## Section heading\n');
    await app.type('Plain words, then ');
    await app.page.keyboard.press('Control+b');
    await app.type('bold');
    await app.page.keyboard.press('Control+b');
    await app.type(' and ');
    await app.page.keyboard.press('Control+i');
    await app.type('italic');
    await app.page.keyboard.press('Control+i');
    await app.type(' and **strong shortcut** and `some code`.\n');
    await app.type('- first bullet\nsecond bullet\n\n');
    await app.type('1. first step\nsecond step\n\n');
    await app.type('> A quoted line\n\n');
    await app.type('### Smaller heading\n');
    await app.type('Underlined ');
    await app.page.keyboard.press('Control+u');
    await app.type('text');
    await app.page.keyboard.press('Control+u');
    await app.page.keyboard.press('Enter');

    // Toolbar elements.
    await app.tool('Horizontal rule').click();
    await app.tool('Read more break').click();
    await app.focusBodyEnd();
    await app.type('After the break');

    const body = app.body;
    await expect(body.getByRole('heading', { level: 2, name: 'Section heading' })).toBeVisible();
    await expect(body.getByRole('heading', { level: 3, name: 'Smaller heading' })).toBeVisible();
    await expect(body.locator('strong', { hasText: 'bold' }).first()).toBeVisible();
    await expect(body.locator('strong', { hasText: 'strong shortcut' })).toBeVisible();
    await expect(body.locator('em', { hasText: 'italic' }).first()).toBeVisible();
    await expect(body.locator('code', { hasText: 'some code' })).toBeVisible();
    await expect(body.getByRole('list')).toHaveCount(2);
    await expect(body.getByRole('listitem')).toHaveCount(4);
    await expect(body.locator('blockquote')).toHaveText('A quoted line');
    await expect(body.locator('hr').first()).toBeAttached();
    await expect(body.getByText('Read more', { exact: false }).first()).toBeVisible();

    await app.waitSaved();
    await expect(app.page.getByLabel('Word count')).toContainText('words');
    const before = await app.bodyHtml();
    // The README's screenshot comes from here: `SIGNET_UPDATE_SCREENSHOTS=1 npx playwright test`.
    await signet.page.screenshot({
      path:
        process.env.SIGNET_UPDATE_SCREENSHOTS === '1' && signet.target === 'web'
          ? path.join(import.meta.dirname, '../docs/screenshots/main-window.png')
          : test.info().outputPath('main-window.png'),
    });

    await signet.restart({ signal: 'SIGTERM' });
    const again = new SignetPage(signet.page);
    await again.ready();
    await expect(again.title).toHaveValue('A tour of every element');
    await expect(again.body.getByRole('heading', { level: 2, name: 'Section heading' })).toBeVisible();
    await expect(again.body.locator('code', { hasText: 'some code' })).toBeVisible();
    await expect(again.body.getByRole('listitem')).toHaveCount(4);
    await expect(again.body.getByText('After the break')).toBeVisible();
    expect(await again.bodyHtml()).toBe(before);
  });

  test('text typed two seconds before a crash is there after restart', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Crash safety', 'Every word of this sentence must survive a crash.');
    // No waiting for "Saved": the author types, two seconds pass, the app dies.
    await signet.page.waitForTimeout(2000);
    await signet.restart({ signal: 'SIGKILL' });

    const again = new SignetPage(signet.page);
    await again.ready();
    await expect(again.title).toHaveValue('Crash safety');
    await expect(again.body).toContainText('Every word of this sentence must survive a crash.');
  });

  test('a corrupt draft file is quarantined with a message, and the app starts anyway', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('A good draft', 'This one is fine.');
    await app.waitSaved();

    await signet.restart({
      before: async () => {
        await fsp.writeFile(
          path.join(signet.dataDir, 'drafts', 'broken.json'),
          '{"schemaVersion": 1, "title": "half wr',
        );
      },
    });
    const again = new SignetPage(signet.page);
    const alert = again.page.getByRole('alert', { name: 'Unreadable drafts' });
    await expect(alert).toContainText('broken.json');
    await expect(alert).toContainText('not deleted');
    await expect(again.draftItem('A good draft')).toBeVisible();
    const quarantined = await fsp.readdir(path.join(signet.dataDir, 'drafts', 'quarantine'));
    expect(quarantined.some((name) => name.includes('broken'))).toBe(true);
  });
});
