/**
 * Copy Diagnostics, as a person reporting a bug would: with a real WordPress account signed in by
 * application password, Settings › Copy diagnostics and the palette command put a report on the
 * clipboard with the versions and the counts, and without the password, the blog or the user.
 */
import { mergeTests, type Page } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { runFromPalette, SignetPage } from './pages/SignetPage';
import { wordpressTest } from './servers/playwright';

const test = mergeTests(signetTest, wordpressTest);

const COPIED = 'Diagnostics copied — paste them into your bug report. Passwords and addresses are left out.';

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe('diagnostics', () => {
  test('copies a redacted report from Settings and from the command palette', async ({
    signet,
    wordpress,
  }) => {
    test.skip(signet.target !== 'web', 'the clipboard is read through the browser context (web host)');
    const app = new SignetPage(signet.page);
    const page = app.page;
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await app.ready();
    await app.newDraft('Diagnostics draft');
    await app.addWordPress(wordpress);

    // Settings › Reporting a problem › Copy diagnostics.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await settings.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect(settings.getByRole('status').filter({ hasText: 'Diagnostics copied' })).toHaveText(COPIED);
    const report = await clipboardText(page);

    expect(report).toMatch(/^Signet diagnostics\n/);
    expect(report).toMatch(/Signet: \d+\.\d+\.\d+ \(web\)/);
    expect(report).toMatch(/Node: \d+\.\d+\.\d+/);
    expect(report).toMatch(/OS: .+\((linux|darwin|win32), (x64|arm64)\)/);
    expect(report).toMatch(/Accounts: \d+ \(.*wordpress 1.*\)/);
    expect(report).toMatch(/Drafts: 1 \(0 in the trash\)/);
    expect(report).toContain('Preferences:');
    const host = new URL(wordpress.url).host;
    for (const leak of [
      wordpress.appPassword,
      wordpress.appPassword.replace(/ /g, ''),
      host,
      `${wordpress.user}@`,
    ]) {
      expect(report).not.toContain(leak);
    }
    await settings.getByRole('button', { name: 'Close' }).click();

    // The palette's "Copy Diagnostics" does the same and says so in a notice.
    await page.evaluate(() => navigator.clipboard.writeText('nothing yet'));
    await runFromPalette(page, 'diagnostics', 'Copy Diagnostics');
    const notice = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
    await expect(notice.filter({ hasText: 'Diagnostics copied' })).toContainText(COPIED);
    const again = await clipboardText(page);
    expect(again).toMatch(/Signet: \d+\.\d+\.\d+ \(web\)/);
    expect(again).not.toContain(wordpress.appPassword);
  });
});
