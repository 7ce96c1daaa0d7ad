import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

// A 4×4 red PNG.
const RED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==',
  'base64',
);

test.describe('editor', () => {
  test('pasting a messy web page keeps its structure and drops scripts, frames and trackers', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Pasted');
    await app.body.click();
    const html = await fsp.readFile(path.join(import.meta.dirname, 'fixtures/messy-page.html'), 'utf8');
    await app.paste({ html, text: 'plain fallback' });

    const body = app.body;
    await expect(body.getByRole('heading', { name: 'Imported heading' })).toBeVisible();
    await expect(body.getByRole('link', { name: 'a good link' })).toHaveAttribute(
      'href',
      'https://example.com/ok',
    );
    await expect(body.getByText('Nested item')).toBeVisible();
    await expect(body.locator('blockquote')).toContainText('Quoted wisdom');
    await expect(body.getByRole('table')).toContainText('alpha');
    await expect(body.getByText('The end.')).toBeVisible();

    const html2 = await body.innerHTML();
    expect(html2).not.toMatch(/<script|<iframe|<form|onerror|onclick|onload|javascript:/i);
    expect(html2).not.toContain('tracker.example.net');
    expect(await app.page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    // The bad link's text stays, as text.
    await expect(body.getByText('a bad link')).toBeVisible();
    await expect(body.getByRole('link', { name: 'a bad link' })).toHaveCount(0);
    await app.waitSaved();
  });

  test('insert an image: it is copied into the draft, shown, and asks for alt text', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('With a picture', 'Look at this:');
    await app.page.keyboard.press('Enter');

    const png = test.info().outputPath('red square.png');
    await fsp.writeFile(png, RED_PNG);
    const chooserPromise = app.page.waitForEvent('filechooser');
    await app.tool('Insert image').click();
    const chooser = await chooserPromise;
    await chooser.setFiles(png);

    // Until it has alt text the image is decorative to a screen reader (alt=""), so it has no img role yet.
    const image = app.body.locator('img').first();
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);
    await expect(app.body.getByText('Missing alt text')).toBeVisible();

    await image.click();
    await app.page.getByRole('textbox', { name: 'Alt text' }).fill('A red square');
    await app.page.getByRole('textbox', { name: 'Caption' }).fill('Red, and square.');
    await expect(app.body.getByRole('img', { name: 'A red square' })).toBeVisible();
    await expect(app.body.getByText('Missing alt text')).toHaveCount(0);
    await app.waitSaved();

    const draftsDir = path.join(signet.dataDir, 'drafts');
    const assetDirs = (await fsp.readdir(draftsDir)).filter((name) => name.endsWith('.assets'));
    expect(assetDirs).toHaveLength(1);
    const files = await fsp.readdir(path.join(draftsDir, assetDirs[0]!));
    expect(files).toHaveLength(1);
    expect(await fsp.readFile(path.join(draftsDir, assetDirs[0]!, files[0]!))).toEqual(RED_PNG);

    await signet.restart();
    const again = new SignetPage(signet.page);
    await expect(again.body.getByRole('img', { name: 'A red square' })).toBeVisible();
    await expect(again.body.getByText('Red, and square.')).toBeVisible();
  });

  test('toolbar: strikethrough, links, nested lists, code block, table, undo and redo', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Toolbar');
    await app.body.click();

    // Strikethrough and its pressed state.
    await app.tool('Strikethrough').click();
    await app.type('struck');
    await expect(app.tool('Strikethrough')).toHaveAttribute('aria-pressed', 'true');
    await app.tool('Strikethrough').click();
    await app.type(' then a ');
    // What the author sees: the word is drawn struck through.
    await expect
      .poll(() =>
        app.body
          .getByText('struck', { exact: true })
          .evaluate((el) => getComputedStyle(el).textDecorationLine),
      )
      .toContain('line-through');

    // Link: insert, refuse a javascript: URL, edit, remove.
    await app.type('home page');
    for (let i = 0; i < 'home page'.length; i++) await app.page.keyboard.press('Shift+ArrowLeft');
    await app.settle();
    await app.tool('Link').click();
    const insert = app.page.getByRole('dialog', { name: 'Insert link' });
    await insert.getByRole('textbox', { name: 'Link URL' }).fill('javascript:alert(1)');
    await insert.getByRole('button', { name: 'Save' }).click();
    await expect(insert.getByRole('alert')).toBeVisible();
    await insert.getByRole('textbox', { name: 'Link URL' }).fill('https://example.com/home');
    await insert.getByRole('button', { name: 'Save' }).click();
    const link = app.body.getByRole('link', { name: 'home page' });
    await expect(link).toHaveAttribute('href', 'https://example.com/home');

    await link.click();
    await app.settle();
    await app.page.keyboard.press('Control+k');
    const edit = app.page.getByRole('dialog', { name: 'Edit link' });
    await edit.getByRole('textbox', { name: 'Link URL' }).fill('https://example.org/new');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(app.body.getByRole('link', { name: 'home page' })).toHaveAttribute(
      'href',
      'https://example.org/new',
    );
    await app.body.getByRole('link', { name: 'home page' }).click();
    await app.settle();
    await app.tool('Link').click();
    await app.page
      .getByRole('dialog', { name: 'Edit link' })
      .getByRole('button', { name: 'Remove link' })
      .click();
    await expect(app.body.getByRole('link')).toHaveCount(0);
    await expect(app.body).toContainText('home page');

    // Nested list with Tab.
    await app.focusBodyEnd();
    await app.page.keyboard.press('Enter');
    await app.tool('Bulleted list').click();
    await app.type('outer item');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Tab');
    await app.type('inner item');
    await expect(app.body.getByRole('list').getByRole('list').getByRole('listitem')).toHaveText('inner item');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');

    // Code block.
    await app.tool('Code block').click();
    await app.type('const answer = 42;');
    await expect(app.body.locator('code', { hasText: 'const answer = 42;' })).toBeVisible();

    // Table, with a row added.
    await app.focusBodyEnd();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await app.tool('Insert table').click();
    const table = app.body.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(3);
    await app.type('cell text');
    await app.tool('Insert row below').click();
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table).toContainText('cell text');

    // Undo removes the added row; redo brings it back.
    await app.tool('Undo').click();
    await expect(table.getByRole('row')).toHaveCount(3);
    await app.tool('Redo').click();
    await expect(table.getByRole('row')).toHaveCount(4);

    await app.waitSaved();
    await signet.restart();
    const again = new SignetPage(signet.page);
    await expect(again.body.getByRole('table').getByRole('row')).toHaveCount(4);
    await expect(again.body.locator('code', { hasText: 'const answer = 42;' })).toBeVisible();
    await expect(again.body.getByRole('list').getByRole('list').getByRole('listitem')).toHaveText(
      'inner item',
    );
  });
});
