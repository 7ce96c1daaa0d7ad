/**
 * Publishing to a real WordPress on loopback, as an author would: add the account, write a post
 * with two images, tags and a new category, schedule it, publish — then read it back from
 * WordPress's REST API and compare. Publishing again updates the same post.
 */
import * as fsp from 'node:fs/promises';
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressTest } from './servers/playwright';
import { pngOf } from './support/images';

const test = mergeTests(signetTest, wordpressTest);

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
  date_gmt: string;
  tags: number[];
  categories: number[];
  featured_media: number;
  link: string;
}

test('add a WordPress account, write, schedule and publish; read it back from WordPress', async ({
  signet,
  wordpress,
}) => {
  test.setTimeout(180_000);
  const app = new SignetPage(signet.page);
  const run = Date.now().toString(36);
  await app.ready();

  // Add the account by pasting an application password.
  await app.addWordPress(wordpress);

  // A post with two images.
  const title = `Harbour notes ${run}`;
  await app.startDraft(title, 'Boats came in at dusk.');
  await app.page.keyboard.press('Enter');
  for (const [index, [name, color]] of (
    [
      [`boats-${run}.png`, 0x3366ccff],
      [`lights-${run}.png`, 0xffcc00ff],
    ] as const
  ).entries()) {
    const file = test.info().outputPath(name);
    await fsp.writeFile(file, await pngOf(40, 30, color));
    const chooser = app.page.waitForEvent('filechooser');
    await app.tool('Insert image').click();
    await (await chooser).setFiles(file);
    // The new image appears once its file is copied into the draft (a round trip to the main
    // process). Until then the last image is the previous one, and under load the clicks below
    // used to select it and overwrite its alt text ("Blue boats" went missing).
    await expect(app.body.locator('img')).toHaveCount(index + 1);
    const image = app.body.locator('img').last();
    await expect(image).toBeVisible();
    const altText = app.page.getByRole('textbox', { name: 'Alt text' });
    // Selecting the image opens its panel; under load the first click can land before Lexical
    // has the node, so click until the panel is there.
    await expect(async () => {
      await image.click();
      await expect(altText).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await altText.fill(name.startsWith('boats') ? 'Blue boats' : 'Yellow lights');
    await app.page.getByRole('button', { name: 'Done' }).click();
    await expect(
      app.body.getByRole('img', { name: name.startsWith('boats') ? 'Blue boats' : 'Yellow lights' }),
    ).toBeVisible();
    // Back to the text (clicking the body could land on the image and select it: a new image
    // inserted then would replace it, as in any Lexical editor).
    await app.body.getByText('Boats came in at dusk.').click();
    await app.page.keyboard.press('Control+End');
    await app.settle();
  }
  await app.type('The end.');
  await app.waitSaved();

  // Publish: scheduled, a new category, two tags, a featured image.
  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('future');
  const when = new Date(Date.now() + 3 * 86_400_000);
  when.setSeconds(0, 0);
  const local = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}`;
  await publish.getByLabel('Publish on (your time)').fill(local);
  await expect(publish.getByText(/Europe\/Berlin/)).toBeVisible();
  const category = `Sea stories ${run}`;
  await publish.getByRole('combobox', { name: 'Categories' }).fill(category);
  await publish.getByRole('button', { name: 'Add category' }).click();
  for (const tag of ['harbour', `evening-${run}`]) {
    await publish.getByRole('combobox', { name: 'Tags' }).fill(tag);
    await publish.getByRole('button', { name: 'Add tag' }).click();
  }
  await publish.getByRole('combobox', { name: 'Featured image' }).selectOption({ label: 'Blue boats' });
  await expect(publish.getByRole('article', { name: 'Post preview' })).toContainText(
    'Boats came in at dusk.',
  );
  await publish.getByRole('button', { name: 'Schedule' }).click();
  const result = publish.getByRole('status', { name: 'Publish result' });
  await expect(result).toContainText('Scheduled', { timeout: 60_000 });

  // Read it back from WordPress.
  const found = await wordpress.restJson<WpPost[]>(
    `/wp/v2/posts?search=${encodeURIComponent(run)}&status=future&context=edit`,
  );
  expect(found).toHaveLength(1);
  const post = found[0]!;
  expect(post.title.raw).toBe(title);
  expect(post.status).toBe('future');
  expect(new Date(post.date_gmt + 'Z').toISOString()).toBe(when.toISOString());
  expect(post.content.raw).toContain('Boats came in at dusk.');
  expect(post.content.raw).toContain('alt="Blue boats"');
  expect(post.content.raw).toContain('alt="Yellow lights"');
  expect(post.content.raw).toContain('<!-- wp:image');
  expect(post.content.raw).not.toContain('__signet');
  const srcs = [...post.content.raw.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!);
  expect(srcs).toHaveLength(2);
  for (const src of srcs) expect(src).toMatch(new RegExp(`^${escape(wordpress.url)}/wp-content/uploads/`));

  const tags = await Promise.all(
    post.tags.map((id) => wordpress.restJson<{ name: string }>(`/wp/v2/tags/${id}`)),
  );
  expect(tags.map((t) => t.name).sort()).toEqual(['harbour', `evening-${run}`].sort());
  const categories = await Promise.all(
    post.categories.map((id) => wordpress.restJson<{ name: string }>(`/wp/v2/categories/${id}`)),
  );
  expect(categories.map((c) => c.name)).toEqual([category]);
  const featured = await wordpress.restJson<{ alt_text: string; source_url: string }>(
    `/wp/v2/media/${post.featured_media}`,
  );
  expect(featured.alt_text).toBe('Blue boats');
  expect(srcs).toContain(featured.source_url);

  // Publishing again updates the same post; the images are not uploaded twice.
  const mediaBefore = await wordpress.restJson<unknown[]>(`/wp/v2/media?search=${run}&per_page=100`);
  await publish.getByRole('button', { name: 'Update on blog' }).click();
  await expect(result).toContainText('Scheduled', { timeout: 60_000 });
  const again = await wordpress.restJson<WpPost[]>(
    `/wp/v2/posts?search=${encodeURIComponent(run)}&status=future`,
  );
  expect(again.map((p) => p.id)).toEqual([post.id]);
  const mediaAfter = await wordpress.restJson<unknown[]>(`/wp/v2/media?search=${run}&per_page=100`);
  expect(mediaAfter).toHaveLength(mediaBefore.length);
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
