/**
 * The outbox, as an author meets it: the blog cannot be reached, two posts are published anyway
 * and wait in the outbox; the blog comes back, they are delivered exactly once and their
 * permalinks appear. The shared WordPress keeps running: Signet reaches it only through the
 * fault proxy (a full reverse proxy here), which the test takes down and brings back up.
 */
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { startFaultProxy } from './servers/faultProxy';
import { wordpressTest } from './servers/playwright';

const test = mergeTests(signetTest, wordpressTest);

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
  link: string;
}

test('with the blog unreachable, two posts wait in the outbox and are delivered once it is back', async ({
  signet,
  wordpress,
}) => {
  test.setTimeout(180_000);
  const proxy = await startFaultProxy({ target: wordpress.url, rewriteOrigin: true });
  try {
    const app = new SignetPage(signet.page);
    const page = app.page;
    const run = `outbox-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await app.ready();

    // The account is added by the proxy's address: everything it sends goes through the proxy.
    await app.addBlogWithAppPassword({
      address: proxy.url,
      user: wordpress.user,
      appPassword: wordpress.appPassword,
    });
    const outboxButton = page.getByRole('button', { name: /^Outbox/ });
    await expect(outboxButton).toHaveText('Outbox');

    // The blog's host goes away.
    await proxy.setDown(true);
    const titles = [`Low tide ${run}`, `Fog bank ${run}`];
    for (const [index, title] of titles.entries()) {
      await app.startDraft(title, `Written before the crossing, part ${index + 1}.`);
      await app.waitSaved();
      await page.getByRole('button', { name: 'Publish…' }).click();
      const publish = page.getByRole('dialog', { name: 'Publish' });
      await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
      await publish.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Queued', {
        timeout: 60_000,
      });
      await publish.getByRole('button', { name: 'Close' }).first().click();
      await expect(publish).toBeHidden();
    }

    // The editor is not blocked while the jobs wait: the second post gets one more line, and the
    // outbox sends the draft as it is when the job runs.
    await app.focusBodyEnd();
    await page.keyboard.press('Enter');
    await app.type('Added while the blog was away.');
    await app.waitSaved();

    await expect(outboxButton).toHaveText('Outbox (2)');
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
      'Offline — posts will be sent when the connection is back',
    );
    await outboxButton.click();
    const outbox = page.getByRole('dialog', { name: 'Outbox' });
    const jobs = outbox.getByRole('list', { name: 'Outbox jobs' });
    for (const title of titles) {
      const job = jobs.getByRole('listitem', { name: title });
      await expect(job).toContainText('Publish · Signet Test Blog');
      await expect(job).toContainText('Waiting — next try at');
      await expect(job.getByRole('button', { name: `Cancel: ${title}` })).toBeVisible();
    }

    // The blog is back: try again now.
    await proxy.setDown(false);
    for (const title of titles) {
      const job = jobs.getByRole('listitem', { name: title });
      const retry = job.getByRole('button', { name: `Try again now: ${title}` });
      // The outbox may already be trying by itself (then the button is gone).
      if (await retry.isVisible()) await retry.click().catch(() => {});
    }
    const permalinks: string[] = [];
    for (const title of titles) {
      const job = jobs.getByRole('listitem', { name: title });
      await expect(job).toContainText('Delivered', { timeout: 90_000 });
      const link = job.getByRole('link');
      await expect(link).toHaveText(new RegExp(`^${proxy.url.replace(/[.]/g, '\\.')}/`));
      permalinks.push((await link.textContent()) ?? '');
      await expect(job.getByRole('button')).toHaveCount(0);
    }
    await expect(outboxButton).toHaveText('Outbox');

    // The permalink opens in the browser.
    await jobs.getByRole('listitem', { name: titles[0]! }).getByRole('link').click();
    await expect.poll(() => signet.openedExternally()).toContain(permalinks[0]);
    await outbox.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('');

    // Read back from WordPress itself: each post exists exactly once, with the text as it was
    // when its job ran.
    const found = await wordpress.restJson<WpPost[]>(
      `/wp/v2/posts?search=${encodeURIComponent(run)}&status=any&context=edit&per_page=100`,
    );
    expect(found.map((p) => p.title.raw).sort()).toEqual([...titles].sort());
    for (const [index, title] of titles.entries()) {
      const post = found.find((p) => p.title.raw === title)!;
      expect(post.status).toBe('publish');
      expect(post.content.raw).toContain(`part ${index + 1}.`);
      const shown = new URL(permalinks[index]!);
      const real = new URL(post.link);
      expect(real.origin).toBe(wordpress.url);
      expect(shown.pathname + shown.search).toBe(real.pathname + real.search);
    }
    expect(found.find((p) => p.title.raw === titles[1])!.content.raw).toContain(
      'Added while the blog was away.',
    );

    // The browser's own offline state shows too.
    await page.context().setOffline(true);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(
      'Offline — posts will be sent when the connection is back',
    );
    await page.context().setOffline(false);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('');
  } finally {
    await proxy.close();
  }
});
