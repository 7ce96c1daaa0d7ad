/**
 * The publish dialog's "In the blog's theme" preview against the real Ghost, READ ONLY: the Ghost
 * account is connected with its Admin API key (Signet only reads the site), the draft is never
 * published, and the theme is fetched with GET requests. (The spec's setup publishes one post
 * through the test server's API when Ghost has none, so the theme has a post page to show.) The
 * frame is sandboxed: no script runs in it and it cannot reach the app; the blog's own styles
 * apply to the post.
 */
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { ghostTest } from './servers/playwright';

const test = mergeTests(signetTest, ghostTest);

test('shows the post inside the blog’s own page and styles, sandboxed, next to the plain preview', async ({
  signet,
  ghost,
}) => {
  test.setTimeout(120_000);
  // The theme frames a post page: publish one on Ghost when another spec's reset left none.
  await ghost.ensurePublishedPost();
  const app = new SignetPage(signet.page);
  await app.ready();
  const violations: string[] = [];
  signet.page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });

  await app.page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = app.page.getByRole('dialog', { name: 'Blog accounts' });
  await accounts.getByRole('combobox', { name: 'Platform' }).selectOption({ label: 'Ghost' });
  const connect = accounts.getByRole('form', { name: 'Connect Ghost' });
  await connect.getByRole('textbox', { name: 'Site address' }).fill(ghost.url);
  await connect.getByLabel('Admin API key').fill(ghost.adminApiKey);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await accounts.getByRole('button', { name: 'Add blog' }).click();
  await expect(accounts.getByRole('list', { name: 'Blog accounts' })).toContainText('Signet Ghost Test Blog');
  await accounts.getByRole('button', { name: 'Close' }).click();

  const run = `theme${Date.now().toString(36)}`;
  await app.startDraft(`Theme preview ${run}`, `The analytical engine weaves algebraic patterns ${run}.`);
  await app.waitSaved();

  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  const blog = publish.getByRole('combobox', { name: 'Blog' });
  const label = (await blog
    .locator('option', { hasText: 'Signet Ghost Test Blog' })
    .first()
    .textContent())!.trim();
  await blog.selectOption({ label });
  const preview = publish.getByRole('region', { name: /^Preview for Signet Ghost Test Blog/ });
  await expect(preview.getByRole('tab', { name: 'Plain' })).toHaveAttribute('aria-selected', 'true');
  await expect(preview.getByRole('article', { name: 'Post preview' })).toContainText(run);

  await preview.getByRole('tab', { name: 'In the blog’s theme' }).click();
  const frameElement = preview.getByTitle('Post in Signet Ghost Test Blog’s theme');
  await expect(frameElement).toHaveAttribute('sandbox', '');
  const frame = frameElement.contentFrame();
  await expect(frame.getByText(`The analytical engine weaves algebraic patterns ${run}.`)).toBeVisible();
  await expect(frame.getByRole('heading', { name: `Theme preview ${run}` })).toBeVisible();
  // The blog's header (its navigation and title) frames the post.
  await expect(frame.getByRole('banner')).toContainText('Signet Ghost Test Blog');
  // Its styles apply: Ghost's Source theme sets the content column's font size, Chromium's default is 16px.
  const size = await frame
    .locator('.gh-content p')
    .first()
    .evaluate((p) => getComputedStyle(p).fontSize);
  expect(size).not.toBe('16px');
  // Nothing in the frame can run.
  expect(await frame.locator('script, iframe, form, [onclick], [onerror], [style]').count()).toBe(0);
  await expect(preview.getByRole('status')).toContainText('Signet Ghost Test Blog’s theme as fetched');

  // Asked again: the kept copy; "Refresh theme" fetches anew.
  await preview.getByRole('button', { name: 'Refresh theme' }).click();
  await expect(preview.getByRole('status')).toContainText('theme as fetched');
  await expect(preview.getByRole('status')).not.toContainText('kept copy');

  // Only what the policy allows: the frame's data: stylesheet loads, inline styles stay blocked
  // (there are none), and no violation means nothing else was tried.
  expect(violations.filter((v) => !/font/.test(v))).toEqual([]);
  await app.page.keyboard.press('Escape');
});
