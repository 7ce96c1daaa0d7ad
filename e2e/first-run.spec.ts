/**
 * The first run on a fresh data folder (the fixture's `firstRun`; other specs start from an app
 * set up before): the welcome draft is open, `Signet Site` is a destination, "Add your blog" leads
 * to the connect form, and empty lists say what to do next with a button that does it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

test.use({ firstRun: true });

test.describe('first run', () => {
  test('opens the welcome draft, lists the site folder, and "Add your blog" reaches the connect form', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();

    // The welcome draft is open, as real rich text.
    await expect(app.title).toHaveValue('Welcome to Signet');
    await expect(
      app.body.getByRole('heading', { level: 2, name: 'Your drafts are your files' }),
    ).toBeVisible();
    await expect(app.body.getByRole('heading', { level: 2, name: 'Add your blog' })).toBeVisible();
    await expect(app.body.getByRole('link', { name: 'gohugo.io' })).toBeVisible();
    const site = path.join(signet.dataDir, 'Signet Site');
    await expect(app.body).toContainText(site);
    expect(fs.existsSync(path.join(site, 'hugo.toml'))).toBe(true);

    // The site is the one destination, and the draft offers the next step.
    await signet.page.getByRole('button', { name: 'Accounts' }).click();
    const accounts = signet.page.getByRole('dialog', { name: 'Blog accounts' });
    const list = accounts.getByRole('list', { name: 'Blog accounts' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('My Signet site (on this computer)');
    await expect(list).toContainText('a folder on this computer');

    // Accounts → "Add your blog": the WordPress form, its address field ready to type in.
    await accounts.getByRole('button', { name: 'Add your blog' }).click();
    await expect(accounts.getByRole('combobox', { name: 'Platform' })).toHaveValue('wordpress');
    await expect(accounts.getByRole('textbox', { name: 'Blog address' })).toBeFocused();
    await accounts.getByRole('button', { name: 'Close' }).click();
    await expect(accounts).toBeHidden();

    // From the draft: one click to the same form, even after another platform was chosen.
    await signet.page.getByRole('button', { name: 'Accounts' }).click();
    await accounts.getByRole('combobox', { name: 'Platform' }).selectOption({ label: 'Ghost' });
    await accounts.getByRole('button', { name: 'Close' }).click();
    await signet.page
      .getByRole('main', { name: 'Draft' })
      .getByRole('button', { name: 'Add your blog' })
      .click();
    await expect(accounts).toBeVisible();
    await expect(accounts.getByRole('combobox', { name: 'Platform' })).toHaveValue('wordpress');
    await expect(accounts.getByRole('textbox', { name: 'Blog address' })).toBeFocused();
    await accounts.getByRole('button', { name: 'Close' }).click();

    // A second start makes nothing new.
    await signet.restart();
    const again = new SignetPage(signet.page);
    await again.ready();
    await expect(again.drafts.getByRole('status')).toHaveText('1 draft');
    await expect(again.title).toHaveValue('Welcome to Signet');
  });

  test('empty trash, empty search and an empty list each offer their next step', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await expect(app.draftItem('Welcome to Signet')).toBeVisible();

    // A search with no result → "Clear search" brings the list back.
    await app.search.fill('zeppelin harbour quokka');
    await expect(app.drafts).toContainText('No draft matches “zeppelin harbour quokka”');
    await app.drafts.getByRole('button', { name: 'Clear search' }).click();
    await expect(app.search).toHaveValue('');
    await expect(app.search).toBeFocused();
    await expect(app.draftItem('Welcome to Signet')).toBeVisible();

    // The empty trash → "Back to all drafts".
    const show = app.drafts.getByRole('combobox', { name: 'Show' });
    await show.selectOption('trash');
    await expect(app.drafts).toContainText('The trash is empty.');
    await app.drafts.getByRole('button', { name: 'Back to all drafts' }).click();
    await expect(show).toHaveValue('all');
    await expect(app.draftItem('Welcome to Signet')).toBeVisible();

    // No drafts at all → "Write your first draft" starts one.
    await signet.page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(app.drafts).toContainText('No drafts yet.');
    await app.drafts.getByRole('button', { name: 'Write your first draft' }).click();
    await expect(app.title).toBeVisible();
    await expect(app.title).toHaveValue('');
    await expect(app.drafts.getByRole('status')).toHaveText('1 draft');
  });

  test('dialogs open at one height and grow downward: Publish stays put while its preview fills in', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await expect(app.title).toHaveValue('Welcome to Signet');
    const top = async (dialog: Locator) => (await dialog.boundingBox())?.y ?? Number.NaN;

    // A short dialog.
    await signet.page.getByRole('button', { name: /^Outbox/ }).click();
    const outbox = signet.page.getByRole('dialog', { name: 'Outbox' });
    await expect(outbox).toBeVisible();
    const outboxTop = await top(outbox);
    await signet.page.keyboard.press('Escape');
    await expect(outbox).toBeHidden();

    // A tall one, measured as soon as it shows and again once the preview has arrived.
    await signet.page.getByRole('button', { name: 'Publish…', exact: true }).click();
    const publish = signet.page.getByRole('dialog', { name: 'Publish' });
    await expect(publish).toBeVisible();
    const openedTop = await top(publish);
    await expect(publish.getByRole('article')).toContainText('Your drafts are your files');
    const filledTop = await top(publish);
    expect(Math.abs(openedTop - outboxTop), 'Publish opens where Outbox did').toBeLessThanOrEqual(1);
    expect(
      Math.abs(filledTop - openedTop),
      'Publish does not move as its preview fills in',
    ).toBeLessThanOrEqual(1);
    // Hence a click aimed at a tab lands on it.
    const tab = publish.getByRole('tab', { name: 'In the blog’s theme' });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  });
});
