/**
 * Feedback on long work, against a real WordPress on loopback: publishing a draft with two images
 * shows each step in a determinate bar ("Uploading image 1 of 2…", "Publishing the post…") and
 * ends with the result; the web host records the desktop notification the app showed while its
 * window was not in front (outbox/notifications.ts: a success is told only then). Open from blog
 * says it is loading, then lists the blog's posts.
 */
import * as fsp from 'node:fs/promises';
import { mergeTests, type Page } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressTest } from './servers/playwright';
import { pngOf } from './support/images';

const test = mergeTests(signetTest, wordpressTest);

/** The web host's test control (token-checked), read from the page it served. */
async function hostControl(page: Page) {
  const origin = new URL(page.url()).origin;
  const token = await page.evaluate(() => sessionStorage.getItem('signet-host-token') ?? '');
  return {
    async setFocused(focused: boolean) {
      const res = await fetch(`${origin}/__signet/test/focus?token=${token}&focused=${focused}`, {
        method: 'POST',
      });
      expect(res.status).toBe(204);
    },
    async notifications(): Promise<Array<{ title: string; body: string; urgency: string }>> {
      const res = await fetch(`${origin}/__signet/test/notifications?token=${token}`);
      return (await res.json()) as Array<{ title: string; body: string; urgency: string }>;
    },
  };
}

/**
 * Every progress bar the page shows, as "<name> <value>/<max>: <status text>", recorded as it
 * changes (a step against a loopback blog can be over before an assertion polls).
 */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    const note = () => {
      for (const bar of document.querySelectorAll('progress')) {
        const status = bar.parentElement?.querySelector('[role="status"]')?.textContent ?? '';
        const line = `${bar.getAttribute('aria-label')} ${bar.getAttribute('value')}/${bar.getAttribute('max')}: ${status}`;
        if (seen.at(-1) !== line) seen.push(line);
      }
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
}

test('publishing two images shows each step and the result; a desktop notification when the window is away', async ({
  signet,
  wordpress,
}) => {
  test.skip(signet.target !== 'web', 'the desktop notification record is a web-host twin');
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.addWordPress(wordpress);

  const title = `Progress notes ${run}`;
  await app.startDraft(title, 'Two pictures follow.');
  await app.page.keyboard.press('Enter');
  for (const [index, color] of [0x3366ccff, 0xffcc00ff].entries()) {
    const file = test.info().outputPath(`step-${index}-${run}.png`);
    await fsp.writeFile(file, await pngOf(40 + index, 30, color));
    const chooser = app.page.waitForEvent('filechooser');
    await app.tool('Insert image').click();
    await (await chooser).setFiles(file);
    await expect(app.body.locator('img')).toHaveCount(index + 1);
    await app.body.getByText('Two pictures follow.').click();
    await app.page.keyboard.press('Control+End');
    await app.settle();
  }
  await app.waitSaved();

  const host = await hostControl(app.page);
  await host.setFocused(false);
  const seen = await recordProgress(app.page);

  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Published', {
    timeout: 60_000,
  });
  // Once it is over, no bar is left behind.
  await expect(publish.getByRole('progressbar')).toHaveCount(0);

  const steps = await seen();
  const uploads = steps.filter((s) => s.startsWith('Publishing progress') && s.includes('Uploading image'));
  expect(uploads.some((s) => s.endsWith('Uploading image 1 of 2…'))).toBe(true);
  expect(uploads.some((s) => s.endsWith('Uploading image 2 of 2…'))).toBe(true);
  const posting = steps.findIndex((s) => s.endsWith('Publishing the post…'));
  expect(posting).toBeGreaterThan(steps.findIndex((s) => s.endsWith('Uploading image 2 of 2…')));
  // Determinate: a value of a maximum, both numbers.
  expect(steps[posting]).toMatch(/^Publishing progress \d+\/\d+: /);

  await expect
    .poll(async () => (await host.notifications()).map((n) => n.title), { timeout: 10_000 })
    .toContainEqual(expect.stringMatching(/^Published on /));
  const [shown] = await host.notifications();
  expect(shown!.body).toContain(title);
  expect(shown!.urgency).toBe('normal');
});

test('Open from blog says it is loading, then lists the posts', async ({ signet, wordpress }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const title = `Listed ${run}`;
  await wordpress.restJson('/wp/v2/posts', {
    method: 'POST',
    body: JSON.stringify({ title, content: 'On the blog already.', status: 'publish' }),
  });
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.addWordPress(wordpress);

  await app.page.getByRole('button', { name: 'Open from blog' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Open from blog' });
  await dialog.getByRole('combobox', { name: 'Blog' }).selectOption({ label: 'Signet Test Blog' });
  // The list waits 200 ms for typing to settle, then asks the blog: the status says so meanwhile.
  await dialog.getByRole('searchbox', { name: 'Search the blog' }).fill(run);
  await expect(
    dialog.getByRole('status').filter({ hasText: 'Loading the posts on Signet Test Blog…' }),
  ).toBeVisible();
  const list = dialog.getByRole('list', { name: 'Posts on the blog' });
  await expect(list.getByRole('button', { name: `Open “${title}” as a draft` })).toBeVisible({
    timeout: 30_000,
  });
  await expect(dialog.getByRole('status').filter({ hasText: /^1 item$/ })).toBeVisible();
});
