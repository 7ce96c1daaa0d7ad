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
    await app.page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', 'plain fallback');
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, html);

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
    await app.newDraft('With a picture');
    await app.body.click();
    await app.type('Look at this:');
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
});
