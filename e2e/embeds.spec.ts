import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const VIMEO = 'https://vimeo.com/76979871';

test.describe('embeds', () => {
  test('a YouTube URL pasted on an empty line becomes an embed card; undo gives the text back; it survives a restart', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('With a video', 'Watch this:');
    await app.page.keyboard.press('Enter');
    await app.settle();

    await app.paste({ text: 'https://youtu.be/dQw4w9WgXcQ' });
    const card = app.body.getByRole('group', { name: `YouTube video: ${YOUTUBE}` });
    await expect(card).toBeVisible();
    await expect(card.getByRole('link', { name: 'Open in browser' })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Remove YouTube video' })).toBeVisible();
    // A card, never the player: the editor has no third-party frames.
    await expect(app.body.locator('iframe')).toHaveCount(0);

    // One undo step gives back the URL as it was pasted, as text.
    await app.page.keyboard.press('Control+z');
    await expect(card).toHaveCount(0);
    await expect(app.body.getByText('https://youtu.be/dQw4w9WgXcQ', { exact: true })).toBeVisible();

    // Enter at the end of a line holding only the URL makes the embed again; the caret goes on below.
    await app.focusBodyEnd();
    await app.page.keyboard.press('Enter');
    await expect(card).toBeVisible();
    await app.type('After the video.');
    await expect(app.body.getByText('After the video.')).toBeVisible();

    // "Open in browser" goes through the app's external-link path.
    await card.getByRole('link', { name: 'Open in browser' }).click();
    await expect.poll(() => signet.openedExternally()).toContain(YOUTUBE);

    await app.waitSaved();
    await signet.restart({ signal: 'SIGTERM' });
    const again = new SignetPage(signet.page);
    await again.ready();
    await expect(again.title).toHaveValue('With a video');
    await expect(again.body.getByRole('group', { name: `YouTube video: ${YOUTUBE}` })).toBeVisible();
    await expect(again.body.getByText('After the video.')).toBeVisible();
  });

  test('a typed Vimeo URL becomes an embed on Enter, and Remove or Backspace takes an embed out', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Two videos', VIMEO);
    await app.page.keyboard.press('Enter');
    const vimeo = app.body.getByRole('group', { name: `Vimeo video: ${VIMEO}` });
    await expect(vimeo).toBeVisible();

    await app.paste({ text: YOUTUBE });
    const youtube = app.body.getByRole('group', { name: `YouTube video: ${YOUTUBE}` });
    await expect(youtube).toBeVisible();

    // The Remove button, by keyboard.
    await vimeo.getByRole('button', { name: 'Remove Vimeo video' }).focus();
    await app.page.keyboard.press('Enter');
    await expect(vimeo).toHaveCount(0);
    await expect(youtube).toBeVisible();

    // A click selects the card as a whole; Backspace removes it.
    await youtube.getByText(YOUTUBE).click();
    await app.settle();
    await app.page.keyboard.press('Backspace');
    await expect(youtube).toHaveCount(0);
    await app.waitSaved();
  });
});
