/**
 * Working with what is already on the blog, against a real WordPress on loopback: insert an image
 * from the blog's media library (published with the blog's own URL, never uploaded again), remove
 * a published post from the blog (and cancel that), and publish a photo wider than the blog's
 * limit (scaled down off the main thread before upload).
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { mergeTests, type Page } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressTest, type WordPressServer } from './servers/playwright';
import { pngOf } from './support/images';

const test = mergeTests(signetTest, wordpressTest);

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
  status: string;
}

interface WpMedia {
  id: number;
  source_url: string;
  alt_text: string;
  media_details: { width: number; height: number };
}

/** Opens the publish dialog and publishes the open draft now; answers the dialog. */
async function publishNow(page: Page) {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish' });
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Published', {
    timeout: 60_000,
  });
  return publish;
}

async function postsMatching(wordpress: WordPressServer, run: string, status = 'any'): Promise<WpPost[]> {
  return wordpress.restJson<WpPost[]>(
    `/wp/v2/posts?search=${encodeURIComponent(run)}&status=${status}&context=edit`,
  );
}

/** The draft file whose title is `title` (`<data>/drafts/<id>.json`). */
async function draftFile(dataDir: string, title: string): Promise<{ destinations: Record<string, unknown> }> {
  const folder = path.join(dataDir, 'drafts');
  for (const name of await fsp.readdir(folder)) {
    if (!name.endsWith('.json')) continue;
    const draft = JSON.parse(await fsp.readFile(path.join(folder, name), 'utf8')) as {
      title: string;
      destinations: Record<string, unknown>;
    };
    if (draft.title === title) return draft;
  }
  throw new Error(`No draft file titled ${title} in ${folder}`);
}

test("insert an image from the blog's media library; it is published with the blog's URL, not uploaded again", async ({
  signet,
  wordpress,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const altText = `Lighthouse at dusk ${run}`;

  // Already on the blog: an image with its alt text.
  const upload = await wordpress.rest('/wp/v2/media', {
    method: 'POST',
    body: new Uint8Array(await pngOf(64, 48, 0x228844ff)),
    headers: {
      'content-type': 'image/png',
      'content-disposition': `attachment; filename="lighthouse-${run}.png"`,
    },
  });
  expect(upload.status).toBe(201);
  const media = (await upload.json()) as WpMedia;
  await wordpress.restJson(`/wp/v2/media/${media.id}`, {
    method: 'POST',
    body: JSON.stringify({ alt_text: altText }),
  });
  const mediaBefore = await wordpress.restJson<WpMedia[]>(`/wp/v2/media?search=${run}&per_page=100`);
  expect(mediaBefore.map((m) => m.id)).toEqual([media.id]);

  const app = new SignetPage(signet.page);
  await app.ready();
  await app.addWordPress(wordpress);
  const title = `Point light ${run}`;
  await app.startDraft(title, 'The light at the point.');
  await app.page.keyboard.press('Enter');

  // Pick it from the media library.
  await app.page.getByRole('button', { name: 'Insert from media library' }).click();
  const library = app.page.getByRole('dialog', { name: 'Insert from media library' });
  await library.getByRole('searchbox', { name: 'Search images' }).fill(run);
  await library
    .getByRole('list', { name: 'Images on the blog' })
    .getByRole('button', { name: `Insert ${altText}` })
    .click();
  await expect(library).toBeHidden();
  const image = app.body.getByRole('img', { name: altText });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', media.source_url);
  await app.waitSaved();

  await publishNow(app.page);
  const posts = await postsMatching(wordpress, run, 'publish');
  expect(posts).toHaveLength(1);
  const content = posts[0]!.content.raw;
  expect(content).toContain('The light at the point.');
  const images = [...content.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
  expect(images).toHaveLength(1);
  expect(images[0]).toContain(`src="${media.source_url}"`);
  expect(images[0]).toContain(`alt="${altText}"`);

  // Nothing was uploaded: still the one media item of this run.
  const mediaAfter = await wordpress.restJson<WpMedia[]>(`/wp/v2/media?search=${run}&per_page=100`);
  expect(mediaAfter.map((m) => m.id)).toEqual([media.id]);
});

test('remove a published post from the blog: cancelling keeps it; confirming trashes it and unlinks the draft', async ({
  signet,
  wordpress,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.addWordPress(wordpress);
  const title = `Short-lived ${run}`;
  await app.startDraft(title, 'Here today, gone tomorrow.');
  await app.waitSaved();

  const publish = await publishNow(app.page);
  const [post] = await postsMatching(wordpress, run, 'publish');
  expect(post?.title.raw).toBe(title);
  await expect(app.draftItem(title)).toContainText('published');
  expect(Object.keys((await draftFile(signet.dataDir, title)).destinations)).toHaveLength(1);

  const remove = publish.getByRole('button', { name: 'Remove from blog…' });
  const expectedQuestion = `Move “${title}” to the trash on Signet Test Blog? The draft stays in Signet.`;

  // Cancel: nothing happens on the blog or in the draft.
  const cancelled = new Promise<string>((resolve) =>
    app.page.once('dialog', (dialog) => {
      resolve(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
  await remove.click();
  expect(await cancelled).toBe(`confirm: ${expectedQuestion}`);
  await expect(publish.getByRole('button', { name: 'Update on blog' })).toBeVisible();
  await expect(remove).toBeVisible();
  expect((await wordpress.restJson<WpPost>(`/wp/v2/posts/${post!.id}?context=edit`)).status).toBe('publish');
  expect(Object.keys((await draftFile(signet.dataDir, title)).destinations)).toHaveLength(1);

  // Confirm: the post goes to the blog's trash (as the question says) and the draft is local again.
  const confirmed = new Promise<string>((resolve) =>
    app.page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await remove.click();
  expect(await confirmed).toBe(expectedQuestion);
  await expect(publish.getByRole('status').filter({ hasText: 'Moved to the trash' })).toHaveText(
    'Moved to the trash on Signet Test Blog. Publishing again creates a new post.',
  );
  const trashed = await wordpress.restJson<WpPost>(`/wp/v2/posts/${post!.id}?context=edit`);
  expect(trashed.status).toBe('trash');
  expect(await postsMatching(wordpress, run, 'publish')).toEqual([]);
  // Publishing again would create a new post: no "Update", no "Remove".
  await expect(publish.getByRole('button', { name: 'Publish', exact: true })).toBeVisible();
  await expect(publish.getByRole('button', { name: 'Update on blog' })).toHaveCount(0);
  await expect(remove).toHaveCount(0);
  expect((await draftFile(signet.dataDir, title)).destinations).toEqual({});

  // The dialog has two: × in its header and the Close button beside Publish.
  await publish.getByRole('button', { name: 'Close' }).last().click();
  await expect(publish).toBeHidden();
  await expect(app.draftItem(title)).not.toContainText('published');
  await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('local');
  await expect(app.draftItem(title)).toBeVisible();
  await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('published');
  await expect(app.draftItem(title)).toHaveCount(0);
});

test('a photo wider than the blog allows is scaled down before upload', async ({ signet, wordpress }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.addWordPress(wordpress);
  await app.startDraft(`Wide view ${run}`, 'The whole bay.');
  await app.page.keyboard.press('Enter');
  const file = test.info().outputPath(`bay-${run}.png`);
  await fsp.writeFile(file, await pngOf(3000, 1200, 0x4488ccff));
  const chooser = app.page.waitForEvent('filechooser');
  await app.tool('Insert image').click();
  await (await chooser).setFiles(file);
  await expect(app.body.locator('img')).toBeVisible();
  await app.waitSaved();

  await publishNow(app.page);
  const uploaded = await wordpress.restJson<WpMedia[]>(`/wp/v2/media?search=${run}&per_page=100`);
  expect(uploaded).toHaveLength(1);
  // The account's default largest width (DEFAULT_MAX_IMAGE_WIDTH), aspect ratio kept.
  expect(uploaded[0]!.media_details).toMatchObject({ width: 2048, height: 819 });
  const [post] = await postsMatching(wordpress, run, 'publish');
  expect(post?.content.raw).toContain(`src="${uploaded[0]!.source_url}"`);
});
