/** Page object: Signet's main window, found by role and name as a person would. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SignetPage {
  constructor(readonly page: Page) {}

  /**
   * Adds a blog by pasting an application password, as the author would: Accounts → address →
   * Continue → user and password → Sign in → Add blog, then closes the dialog.
   */
  async addBlogWithAppPassword(blog: { address: string; user: string; appPassword: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Accounts' }).click();
    const accounts = this.page.getByRole('dialog', { name: 'Blog accounts' });
    await accounts
      .getByRole('textbox', { name: 'Blog address' })
      .fill(blog.address.replace(/^http:\/\//, ''));
    await accounts.getByRole('button', { name: 'Continue' }).click();
    await expect(accounts.getByRole('group', { name: 'Blog found' })).toContainText('Signet Test Blog');
    await accounts.getByRole('textbox', { name: 'User name' }).fill(blog.user);
    await accounts.getByLabel('Application password').fill(blog.appPassword);
    await accounts.getByRole('button', { name: 'Sign in', exact: true }).click();
    await accounts.getByRole('button', { name: 'Add blog' }).click();
    await expect(accounts.getByRole('list', { name: 'Blog accounts' })).toContainText('Signet Test Blog');
    await accounts.getByRole('button', { name: 'Close' }).click();
  }

  /** Adds the test WordPress from its fixture, signing in with its application password. */
  async addWordPress(wordpress: { url: string; user: string; appPassword: string }): Promise<void> {
    await this.addBlogWithAppPassword({
      address: wordpress.url,
      user: wordpress.user,
      appPassword: wordpress.appPassword,
    });
  }

  get drafts(): Locator {
    return this.page.getByRole('navigation', { name: 'Drafts' });
  }
  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Title' });
  }
  get body(): Locator {
    return this.page.getByRole('textbox', { name: 'Draft body' });
  }
  get toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Formatting' });
  }
  get saveStatus(): Locator {
    return this.page.getByRole('status', { name: 'Save status' });
  }
  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search drafts' });
  }
  get draftList(): Locator {
    return this.drafts.getByRole('list');
  }

  tool(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  draftItem(title: string): Locator {
    return this.draftList.getByRole('button', { name: new RegExp(`^${escapeRegExp(title)}`) });
  }

  async ready(): Promise<void> {
    await expect(this.drafts).toBeVisible();
  }

  async newDraft(title?: string): Promise<void> {
    await this.drafts.getByRole('button', { name: 'New draft' }).click();
    await expect(this.title).toBeVisible();
    if (title !== undefined) {
      await this.title.fill(title);
    }
  }

  /** A new draft with this title and `text` typed into its body; the caret stays after the text. */
  async startDraft(title: string, text: string): Promise<void> {
    await this.newDraft(title);
    await this.body.click();
    await this.type(text);
  }

  /** Puts the caret at the end of the body. */
  async focusBodyEnd(): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('Control+End');
    await this.settle();
  }

  /** Lexical learns about caret moves from an async selectionchange: give it a frame. */
  async settle(): Promise<void> {
    await this.page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
  }

  /**
   * The draft body's HTML without the editor's mark on the block that holds the caret
   * (`data-signet-caret`, CaretBlockPlugin): where the caret is, is not part of the draft.
   */
  async bodyHtml(): Promise<string> {
    return this.body.evaluate((root) => {
      const copy = root.cloneNode(true) as HTMLElement;
      for (const marked of copy.querySelectorAll('[data-signet-caret]'))
        marked.removeAttribute('data-signet-caret');
      return copy.innerHTML;
    });
  }

  /**
   * Pastes at the caret as the system clipboard would: a paste event carrying these flavours
   * (`text/html`, `text/plain`), dispatched on the focused element.
   */
  async paste(flavours: { html?: string; text?: string }): Promise<void> {
    await this.page.evaluate(({ html, text }) => {
      const data = new DataTransfer();
      if (html !== undefined) data.setData('text/html', html);
      if (text !== undefined) data.setData('text/plain', text);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, flavours);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved', { timeout: 10_000 });
  }

  async openDraft(title: string): Promise<void> {
    await this.draftItem(title).click();
    await expect(this.title).toHaveValue(title);
  }

  /** The status line under the editor (counts, reading time, word goal). */
  get writingStatus(): Locator {
    return this.page.getByRole('region', { name: 'Writing status' });
  }
  /** The find-and-replace bar in the draft. */
  get findBar(): Locator {
    return this.page.getByRole('search', { name: 'Find in draft' });
  }
  get outline(): Locator {
    return this.page.getByRole('navigation', { name: 'Outline' });
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/* ---------- Issue 9: appearance and the command palette ---------- */

export function commandPalette(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Command palette' });
}

/** Opens the palette with Ctrl+Shift+P, types `query` and runs the option named `name` with Enter. */
export async function runFromPalette(page: Page, query: string, name: string | RegExp): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const palette = commandPalette(page);
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox', { name: 'Command' }).fill(query);
  await expect(palette.getByRole('option').first()).toHaveAccessibleName(name);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
}

/** The zoom the renderer applied to the window (1 when none). */
export async function appliedZoom(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.style.zoom || 1));
}
