import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

/** The text of the body's blocks, as the author sees them. */
async function blocks(app: SignetPage): Promise<string[]> {
  return app.body.locator(':scope > *').allInnerTexts();
}

test.describe('writing aids', () => {
  test('the status line counts words, characters and reading time, and keeps a word goal with the draft', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Goal', 'One two three four five.');
    const status = app.writingStatus;
    await expect(status.getByLabel('Word count')).toHaveText('5 words');
    await expect(status.getByLabel('Character count')).toHaveText('24 characters');
    await expect(status.getByLabel('Reading time')).toHaveText('1 min read');

    await status.getByRole('button', { name: 'Set word goal' }).click();
    const goal = app.page.getByRole('dialog', { name: 'Word goal' });
    const input = goal.getByRole('textbox', { name: 'Word goal for this draft' });
    await expect(input).toBeFocused();
    await input.fill('many');
    await goal.getByRole('button', { name: 'Save goal' }).click();
    await expect(goal.getByRole('alert')).toContainText('whole number');
    await input.fill('10');
    await input.press('Enter');
    await expect(goal).toBeHidden();
    await expect(status.getByLabel('Word goal progress')).toHaveText('5 of 10 words (50%)');

    await app.focusBodyEnd();
    await app.type(' Six seven eight nine ten.');
    await expect(status.getByLabel('Word goal progress')).toHaveText('Goal reached: 10 of 10 words');
    await app.waitSaved();

    // Saved in the draft's file, and still there after the window is loaded again.
    const files = (await fsp.readdir(path.join(signet.dataDir, 'drafts'))).filter((f) => f.endsWith('.json'));
    const saved = await Promise.all(
      files.map(async (f) => JSON.parse(await fsp.readFile(path.join(signet.dataDir, 'drafts', f), 'utf8'))),
    );
    expect(saved.find((d: { title: string }) => d.title === 'Goal')?.meta).toMatchObject({ wordGoal: 10 });
    await app.page.reload();
    await app.ready();
    await app.openDraft('Goal');
    await expect(app.writingStatus.getByLabel('Word goal progress')).toHaveText(
      'Goal reached: 10 of 10 words',
    );
  });

  test('find and replace: counts, moves between matches, options, replace all as one undo step', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Cats', 'The cat sat. A cat ran.');
    await app.page.keyboard.press('Enter');
    await app.type('Concatenate the CAT.');
    await app.waitSaved();

    await app.page.keyboard.press(`${mod}+f`);
    const bar = app.findBar;
    const find = bar.getByRole('searchbox', { name: 'Find' });
    await expect(find).toBeFocused();
    await find.fill('cat');
    const count = bar.getByRole('status', { name: 'Matches' });
    await expect(count).toHaveText('1 of 4');
    // Painted with the Custom Highlight API, not written into the document.
    await expect.poll(() => app.page.evaluate(() => CSS.highlights.get('signet-find')?.size ?? 0)).toBe(4);
    await expect(app.body.locator('mark')).toHaveCount(0);

    await find.press('Enter');
    await expect(count).toHaveText('2 of 4');
    await find.press('Shift+Enter');
    await find.press('Shift+Enter');
    await expect(count).toHaveText('4 of 4');
    await find.press('F3');
    await expect(count).toHaveText('1 of 4');

    await bar.getByRole('checkbox', { name: 'Whole word' }).check();
    await expect(count).toHaveText('1 of 3');
    await bar.getByRole('checkbox', { name: 'Match case' }).check();
    await expect(count).toHaveText('1 of 2');
    await find.fill('dog');
    await expect(count).toHaveText('No matches');
    await find.fill('cat');

    await bar.getByRole('textbox', { name: 'Replace with' }).fill('dog');
    await bar.getByRole('button', { name: 'Replace', exact: true }).click();
    await expect(count).toHaveText('1 of 1');
    await expect.poll(() => blocks(app)).toEqual(['The dog sat. A cat ran.', 'Concatenate the CAT.']);
    await bar.getByRole('checkbox', { name: 'Match case' }).uncheck();
    await expect(count).toHaveText('1 of 2');
    await bar.getByRole('button', { name: 'Replace all' }).click();
    await expect(count).toHaveText('No matches');
    await expect.poll(() => blocks(app)).toEqual(['The dog sat. A dog ran.', 'Concatenate the dog.']);

    await find.press('Escape');
    await expect(bar).toBeHidden();
    await expect(app.body).toBeFocused();
    await expect.poll(() => app.page.evaluate(() => CSS.highlights.has('signet-find'))).toBe(false);
    // Replace all was one step: one undo brings back both replaced words, not the earlier "dog".
    await app.page.keyboard.press(`${mod}+z`);
    await expect.poll(() => blocks(app)).toEqual(['The dog sat. A cat ran.', 'Concatenate the CAT.']);
  });

  test('the outline lists H2–H4 as a tree, follows edits, and moves the caret to a heading', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Outlined');
    await app.body.click();
    for (const line of [
      '## Start',
      'Intro text.',
      '### Detail',
      '#### Fine point',
      '## End',
      'Last words.',
    ]) {
      await app.type(line);
      await app.page.keyboard.press('Enter');
    }
    await app.page.keyboard.press(`${mod}+Shift+O`);
    const outline = app.outline;
    await expect(outline).toBeVisible();
    await expect(outline.getByRole('button')).toHaveText(['Start', 'Detail', 'Fine point', 'End']);
    // "Detail" is nested under "Start".
    const start = outline
      .getByRole('listitem')
      .filter({ has: app.page.getByRole('button', { name: 'Start' }) });
    await expect(start.getByRole('button', { name: 'Detail' })).toBeVisible();
    await expect(start.getByRole('button', { name: 'End' })).toHaveCount(0);

    await outline.getByRole('button', { name: 'Detail' }).focus();
    await app.page.keyboard.press('Enter');
    await expect(app.body).toBeFocused();
    await app.settle();
    await app.type('More ');
    await expect(app.body.getByRole('heading', { name: 'More Detail' })).toBeVisible();
    await expect(outline.getByRole('button', { name: 'More Detail' })).toBeVisible();

    await app.writingStatus.getByRole('button', { name: 'Outline' }).click();
    await expect(outline).toBeHidden();
  });

  test('smart punctuation is off by default, and when on curls quotes and dashes with one undo back', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Straight', '"Hi" -- it\'s...');
    await expect.poll(() => blocks(app)).toEqual(['"Hi" -- it\'s...']);

    await app.page.evaluate(() =>
      (
        window as unknown as { signet: { setPreferences(p: object): Promise<unknown> } }
      ).signet.setPreferences({
        smartPunctuation: true,
      }),
    );
    await app.page.reload();
    await app.ready();
    await app.startDraft('Curly', '"Hi," she said -- it\'s 3--5 words... wait---no.');
    await expect.poll(() => blocks(app)).toEqual(['“Hi,” she said – it’s 3–5 words… wait—no.']);
    await app.page.keyboard.press('Enter');
    await app.type('Rock --');
    await expect.poll(() => blocks(app).then((b) => b[1])).toBe('Rock –');
    await app.page.keyboard.press(`${mod}+z`);
    await expect.poll(() => blocks(app).then((b) => b[1])).toBe('Rock --');
    // Never inside inline code.
    await app.page.keyboard.press('Enter');
    await app.type('`a--b"c"` ');
    await expect(app.body.locator('code')).toHaveText('a--b"c"');
  });
});
