import { test, expect } from './fixtures';
import { appliedZoom, runFromPalette, SignetPage } from './pages/SignetPage';

test.describe('appearance', () => {
  test('focus mode hides everything but the writing column; Escape or a button leaves it', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Quiet writing');
    await app.focusBodyEnd();
    await app.type('First line');

    await app.page.keyboard.press('Control+Shift+F');
    await expect(app.drafts).toBeHidden();
    await expect(app.toolbar).toBeHidden();
    await expect(app.page.getByRole('button', { name: 'Settings' })).toBeHidden();
    await expect(app.body).toBeVisible();
    // Still typing where we were.
    await expect(app.body).toBeFocused();
    await app.type(', still here');
    await expect(app.body).toContainText('First line, still here');
    // The writing column is centred in the window.
    const box = await app.body.boundingBox();
    const width = app.page.viewportSize()?.width ?? 0;
    expect(box).not.toBeNull();
    expect(Math.abs(box!.x + box!.width / 2 - width / 2)).toBeLessThan(24);
    // The title lines up with the text below it.
    const titleBox = await app.title.boundingBox();
    expect(Math.abs((titleBox?.x ?? 0) - box!.x)).toBeLessThan(4);

    await app.page.keyboard.press('Escape');
    await expect(app.drafts).toBeVisible();
    await expect(app.toolbar).toBeVisible();

    // From the palette, and the visible way out.
    await runFromPalette(app.page, 'focus', /^Focus Mode/);
    await expect(app.drafts).toBeHidden();
    await app.page.getByRole('button', { name: 'Leave focus mode' }).click();
    await expect(app.drafts).toBeVisible();
    // Find leaves focus mode to show the search box.
    await app.page.keyboard.press('Control+Shift+F');
    await expect(app.drafts).toBeHidden();
    await app.page.keyboard.press('Control+f');
    await expect(app.search).toBeFocused();
  });

  test('zoom in, out and back with the keyboard, within 50–200 %', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    const page = () => app.page;
    await app.ready();
    const sidebar = async () => (await app.drafts.boundingBox())?.width ?? 0;
    const normalWidth = await sidebar();

    await page().keyboard.press('Control+=');
    await page().keyboard.press('Control+=');
    expect(await appliedZoom(page())).toBeCloseTo(1.25);
    await expect(page().getByText('Zoom 125 %')).toBeVisible();
    expect(await sidebar()).toBeCloseTo(normalWidth * 1.25, 0);
    // Zoomed, the app still fits the window: nothing to scroll.
    const overflow = await page().evaluate(
      () => document.documentElement.scrollHeight - document.documentElement.clientHeight,
    );
    expect(overflow).toBeLessThanOrEqual(1);

    await page().keyboard.press('Control+-');
    expect(await appliedZoom(page())).toBeCloseTo(1.1);
    await page().keyboard.press('Control+0');
    expect(await appliedZoom(page())).toBe(1);

    for (let i = 0; i < 12; i++) await page().keyboard.press('Control+-');
    expect(await appliedZoom(page())).toBeCloseTo(0.5);
    for (let i = 0; i < 14; i++) await page().keyboard.press('Control+=');
    expect(await appliedZoom(page())).toBeCloseTo(2);
    await page().keyboard.press('Control+-');
    expect(await appliedZoom(page())).toBeCloseTo(1.75);
    await page().getByRole('button', { name: 'Settings' }).click();
    await expect(page().getByRole('combobox', { name: 'Zoom' })).toHaveValue('175');
    await page().getByRole('combobox', { name: 'Zoom' }).selectOption({ label: '90 %' });
    expect(await appliedZoom(page())).toBeCloseTo(0.9);
  });

  test('Ctrl + mouse wheel zooms in steps, like the zoom commands', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    const page = () => app.page;
    await app.ready();
    const box = await app.drafts.boundingBox();
    await page().mouse.move((box?.x ?? 0) + 20, (box?.y ?? 0) + 20);
    await page().keyboard.down('Control');
    await page().mouse.wheel(0, -100);
    await expect.poll(() => appliedZoom(page())).toBeCloseTo(1.1);
    await page().mouse.wheel(0, -100);
    await expect.poll(() => appliedZoom(page())).toBeCloseTo(1.25);
    await page().mouse.wheel(0, 100);
    await expect.poll(() => appliedZoom(page())).toBeCloseTo(1.1);
    await page().keyboard.up('Control');
    // Without Ctrl the wheel scrolls as ever.
    await page().mouse.wheel(0, -100);
    expect(await appliedZoom(page())).toBeCloseTo(1.1);
    await expect(page().getByText('Zoom 110 %')).toBeVisible();
  });

  test('the editor typeface and size apply to the editor only', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Typefaces');
    const font = (locator: ReturnType<SignetPage['page']['locator']>) =>
      locator.evaluate((el) => {
        const style = getComputedStyle(el);
        return { family: style.fontFamily, size: style.fontSize };
      });
    const headerBefore = await font(app.page.locator('header').first());

    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    await settings.getByRole('combobox', { name: 'Editor typeface' }).selectOption({ label: 'Monospace' });
    await settings.getByRole('combobox', { name: 'Editor text size' }).selectOption({ label: '22 px' });
    await settings.getByRole('button', { name: 'Close' }).click();

    const body = await font(app.body);
    expect(body.family).toContain('monospace');
    expect(body.size).toBe('22px');
    expect((await font(app.title)).family).toContain('monospace');
    expect(await font(app.page.locator('header').first())).toEqual(headerBefore);
  });

  test('the theme toggles from the keyboard and the palette', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    const html = app.page.locator('html');
    const background = () =>
      app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await app.page.emulateMedia({ colorScheme: 'light' });

    await app.page.keyboard.press('Control+Shift+L');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe('rgb(27, 26, 24)');
    await app.page.keyboard.press('Control+Shift+L');
    await expect(html).toHaveAttribute('data-theme', 'light');
    await runFromPalette(app.page, 'same as the system', /^Theme: Same as the System/);
    await expect(html).not.toHaveAttribute('data-theme');
  });

  test('focus mode, zoom, typeface, theme and smart punctuation are remembered across a restart', async ({
    signet,
  }) => {
    let app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Remembered');
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    const smartName = 'Smart punctuation: curly quotes and dashes as you type';
    await expect(settings.getByRole('checkbox', { name: smartName })).not.toBeChecked();
    await settings.getByRole('checkbox', { name: smartName }).check();
    await settings.getByRole('combobox', { name: 'Editor typeface' }).selectOption({ label: 'Sans serif' });
    await settings.getByRole('combobox', { name: 'Editor text size' }).selectOption({ label: '24 px' });
    await settings.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
    await settings.getByRole('button', { name: 'Close' }).click();
    await app.page.keyboard.press('Control+=');
    await app.page.keyboard.press('Control+Shift+F');
    await expect(app.drafts).toBeHidden();
    await app.page.waitForTimeout(500); // the last setPreferences on its way

    await signet.restart({ signal: 'SIGTERM' });
    app = new SignetPage(signet.page);
    await expect(app.body).toBeVisible();
    await expect(app.drafts).toBeHidden();
    expect(await appliedZoom(app.page)).toBeCloseTo(1.1);
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const body = await app.body.evaluate((el) => getComputedStyle(el));
    expect(body.fontFamily).toContain('sans-serif');
    expect(body.fontSize).toBe('24px');
    await app.page.getByRole('button', { name: 'Leave focus mode' }).click();
    await app.page.getByRole('button', { name: 'Settings' }).click();
    await expect(app.page.getByRole('checkbox', { name: smartName })).toBeChecked();
  });

  test('every screen works from the keyboard alone, with visible focus', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    const page = app.page;
    await app.ready();
    await app.newDraft('Keyboard only');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Tab from the top reaches the header, the drafts list, the title and the body, each showing focus.
    const reached: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const name =
          el.getAttribute('aria-label') ??
          (el as HTMLInputElement).labels?.[0]?.textContent ??
          el.textContent ??
          '';
        return {
          name: name.trim().slice(0, 40),
          editor: el.isContentEditable,
          visible:
            style.outlineStyle !== 'none' || style.borderBottomStyle !== 'none' || el.isContentEditable,
        };
      });
      if (!info) continue;
      reached.push(info.name);
      expect(info.visible, `focus is visible on ${info.name}`).toBe(true);
      if (info.editor) break;
    }
    expect(reached, reached.join(' → ')).toEqual(
      expect.arrayContaining(['Commands', 'Settings', 'New draft', 'Search drafts', 'Title']),
    );
    expect(reached.at(-1)).toBe('Draft body');

    // Shift+Tab goes back out of the body (no trap): to the formatting toolbar, then the title.
    await page.keyboard.press('Shift+Tab');
    expect(await app.toolbar.evaluate((t) => t.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(app.title).toBeFocused();

    // A dialog opened from the keyboard traps focus while open and gives it back on Escape.
    await page.keyboard.press('Control+,');
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      // Inside the dialog, or out of the page to the browser's own controls (web host): never
      // on the app behind it.
      const where = await settings.evaluate((d) =>
        d.contains(document.activeElement)
          ? 'dialog'
          : document.activeElement === document.body
            ? 'outside'
            : 'behind',
      );
      expect(where).not.toBe('behind');
    }
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await expect(app.title).toBeFocused();
  });
});
