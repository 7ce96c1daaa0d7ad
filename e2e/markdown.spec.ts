/**
 * Moving in and out, and publishing at once: a new Signet publishes to its own site folder with
 * no account to add; a draft goes out as a Markdown file with its image; a Markdown file with
 * front matter and an image beside it comes in as a draft.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Jimp, JimpMime } from 'jimp';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

test('a new user publishes to the built-in site folder at once, exports a draft as Markdown and imports one back', async ({
  signet,
}) => {
  test.setTimeout(120_000);
  const app = new SignetPage(signet.page);
  await app.ready();

  // No account added: the site folder Signet keeps in its data folder is already there.
  await app.startDraft('Harbour log', '## Weather');
  await app.page.keyboard.press('Enter');
  await app.type('Wind from the west by noon.');
  await app.waitSaved();
  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  await expect(publish.getByRole('combobox', { name: 'Blog' })).toHaveValue(/.+/);
  await expect(publish.getByRole('combobox', { name: 'Blog' }).locator('option:checked')).toHaveText(
    /My Signet site/,
  );
  // The preview shows the post as a page would (a heading, not "## Weather"); the Markdown the
  // site receives is one tick away.
  const preview = publish.getByRole('region', { name: 'Preview', exact: true });
  await expect(preview.getByRole('heading', { name: 'Weather', level: 2 })).toBeVisible();
  await expect(preview).not.toContainText('## Weather');
  await publish.getByRole('checkbox', { name: 'Show Markdown' }).check();
  await expect(preview.getByLabel('Markdown that will be written')).toContainText('## Weather');
  await publish.getByRole('checkbox', { name: 'Show Markdown' }).uncheck();
  await publish.getByRole('textbox', { name: 'Slug' }).fill('harbour-log');
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Published', {
    timeout: 30_000,
  });
  await publish.getByRole('button', { name: 'Close', exact: true }).first().click();
  const published = await fsp.readFile(
    path.join(signet.dataDir, 'site', 'content', 'posts', 'harbour-log.md'),
    'utf8',
  );
  expect(published).toContain('title: Harbour log');
  expect(published).toContain('Wind from the west by noon.');

  // Export as Markdown.
  const exported = test.info().outputPath('harbour-log.md');
  await signet.pickNext('save', exported);
  await app.page.getByRole('button', { name: 'Export as Markdown…' }).click();
  await expect(app.page.getByText(`Saved as Markdown at ${exported}`)).toBeVisible();
  const text = await fsp.readFile(exported, 'utf8');
  expect(text).toMatch(/^---\n[\s\S]*title: Harbour log[\s\S]*\n---\n/);
  expect(text).toContain('Wind from the west by noon.');

  // Import a Markdown file written elsewhere, with front matter and an image beside it.
  const folder = test.info().outputPath('from-hugo');
  await fsp.mkdir(path.join(folder, 'img'), { recursive: true });
  await fsp.writeFile(
    path.join(folder, 'img', 'gull.png'),
    await new Jimp({ width: 40, height: 20, color: 0xdd8822ff }).getBuffer(JimpMime.png),
  );
  const source = path.join(folder, 'gulls.md');
  await fsp.writeFile(
    source,
    [
      '---',
      'title: "Gulls at the pier"',
      'tags: [birds, pier]',
      'summary: Loud ones.',
      '---',
      '',
      '## Morning',
      '',
      'Three gulls and a *heron*.',
      '',
      '![A gull on a post](img/gull.png)',
      '',
    ].join('\n'),
  );
  await signet.pickNext('file', source);
  await app.page.getByRole('button', { name: 'Import Markdown…' }).click();
  await expect(app.title).toHaveValue('Gulls at the pier');
  await expect(app.body.getByRole('heading', { name: 'Morning' })).toBeVisible();
  await expect(app.body).toContainText('Three gulls and a heron.');
  await expect(app.body.getByRole('img', { name: 'A gull on a post' })).toBeVisible();
  await expect(app.draftItem('Gulls at the pier')).toBeVisible();
});
