import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

// Blocks out of view are not rendered (content-visibility: auto); these check that the caret still
// goes where the keys say, at the speed of a test (faster than any typist) and across a long draft.

const IS_MAC = process.platform === 'darwin';
const START = IS_MAC ? 'Meta+ArrowUp' : 'Control+Home';
const END = IS_MAC ? 'Meta+ArrowDown' : 'Control+End';

test.describe('caret', () => {
  test('Markdown shortcuts and Enter at full speed keep every line in its own block', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Fast lists');
    await app.body.click();
    const rounds = 8;
    for (let i = 0; i < rounds; i++) {
      await app.type(`## Head ${i}\n`);
      await app.type(`1. first ${i}\nsecond ${i}\n\n`);
      await app.type(`- a ${i}\nb ${i}\n\n`);
      await app.type(`> q ${i}\n\n`);
    }
    const lists = await app.body
      .getByRole('list')
      .evaluateAll((found) =>
        found.map((list) => [...list.children].map((item) => item.textContent).join('|')),
      );
    const expected = Array.from({ length: rounds }, (_, i) => [
      `first ${i}|second ${i}`,
      `a ${i}|b ${i}`,
    ]).flat();
    expect(lists).toEqual(expected);
    await expect(app.body.getByRole('heading', { level: 2 })).toHaveCount(rounds);
    await expect(app.body.locator('blockquote')).toHaveCount(rounds);
  });

  test('keyboard jumps in a long draft put the caret where the keys say', async ({ signet }) => {
    // Seven journeys, each taken twice, key by key through a 400-block draft.
    test.setTimeout(180_000);
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Long draft');
    await app.body.click();
    const blocks = Array.from({ length: 400 }, (_, i) =>
      i % 7 === 3
        ? `<h2>H${i}</h2>`
        : i % 11 === 5
          ? `<ul><li>L${i}a</li><li>L${i}b</li></ul>`
          : `<p>P${i} ${'word '.repeat(30)}end</p>`,
    );
    await app.paste({ html: blocks.join(''), text: 'plain' });
    await expect(app.body.getByText('P399', { exact: false })).toBeAttached();

    /** Where the caret is: its top-level block, the characters before it there, the block's first words. */
    const caret = () =>
      app.body.evaluate((root) => {
        const selection = window.getSelection()!;
        const node = selection.focusNode!;
        let block = node instanceof Element ? node : node.parentElement!;
        while (block.parentElement !== root) block = block.parentElement!;
        const before = document.createRange();
        before.setStart(block, 0);
        before.setEnd(node, selection.focusOffset);
        return { block: [...root.children].indexOf(block), offset: before.toString().length };
      });
    /** Lays every block out (as without content-visibility), or lets the editor's CSS decide again. */
    const renderAll = (on: boolean) =>
      app.body.evaluate((root, visible) => {
        for (const block of root.children)
          (block as HTMLElement).style.contentVisibility = visible ? 'visible' : '';
      }, on);
    const press = async (key: string, times = 1) => {
      for (let i = 0; i < times; i++) await app.page.keyboard.press(key);
    };
    const journeys: Array<[string, () => Promise<void>]> = [
      ['to the end', () => press(END)],
      ['to the start', () => press(START)],
      [
        'select to the end, then collapse it there',
        async () => (await press(START), await press(`Shift+${END}`), await press('ArrowRight')),
      ],
      ['five pages down from the start', async () => (await press(START), await press('PageDown', 5))],
      ['three pages up from the end', async () => (await press(END), await press('PageUp', 3))],
      [
        'forty-five lines up from the end, then to the end of the line',
        async () => (await press(END), await press('ArrowUp', 45), await press('End')),
      ],
      ['thirty lines down from the start', async () => (await press(START), await press('ArrowDown', 30))],
    ];
    for (const [journey, go] of journeys) {
      // As the author has it: blocks out of view not laid out.
      await go();
      await app.settle();
      const landed = await caret();
      // The editor agrees with the browser: a character typed goes there.
      await app.type('Z');
      await app.settle();
      const typed = await app.body.evaluate((root) => {
        const index = [...root.children].findIndex((block) => block.textContent?.includes('Z'));
        return { block: index, offset: root.children[index]?.textContent?.indexOf('Z') ?? -1 };
      });
      expect(typed, `${journey}: where Z was typed`).toEqual(landed);
      await app.page.keyboard.press('ControlOrMeta+z');
      await expect(app.body.getByText('Z', { exact: false })).toHaveCount(0);
      // The same keys with every block laid out, as a browser would do it without skipping any.
      await renderAll(true);
      await app.settle();
      await go();
      await app.settle();
      expect(landed, `${journey}: where the caret went`).toEqual(await caret());
      await renderAll(false);
    }
    expect((await caret()).block).toBeGreaterThan(0);

    // Shift with the jump to the start selects everything before the caret: typing replaces it.
    await app.page.keyboard.press(END);
    await app.page.keyboard.press(`Shift+${START}`);
    await app.type('Only this');
    await expect(app.body).toHaveText('Only this');
  });
});
