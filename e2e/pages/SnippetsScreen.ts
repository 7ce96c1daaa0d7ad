/** Page object: the Snippets screen (a dialog over the main window), found by role and name. */
import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './SignetPage';

export class SnippetsScreen {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Snippets' });
  }
  get list(): Locator {
    return this.dialog.getByRole('list', { name: 'Snippets' });
  }
  get search(): Locator {
    return this.dialog.getByRole('searchbox', { name: 'Search snippets' });
  }
  get name(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Name', exact: true });
  }
  get content(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Snippet content' });
  }
  get preview(): Locator {
    return this.dialog.getByRole('region', { name: 'Preview' });
  }
  get saveStatus(): Locator {
    return this.dialog.getByRole('status', { name: 'Snippet save status' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Snippets', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect(this.dialog).toBeHidden();
  }

  /** The list's entries, top to bottom, by name. */
  async names(): Promise<string[]> {
    return this.list.locator('.draft-item-title').allTextContents();
  }

  item(name: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  async create(kind: string, name: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'New snippet' }).click();
    await this.dialog
      .getByRole('group', { name: 'Kind of new snippet' })
      .getByRole('button', { name: kind })
      .click();
    await expect(this.name).toBeFocused();
    await this.name.fill(name);
    await expect(this.item(name)).toBeVisible();
  }

  /** Types at the end of the snippet's content. */
  async type(text: string): Promise<void> {
    await this.content.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved', { timeout: 10_000 });
  }

  async setAuthor(name: string, email: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Variables' }).click();
    const details = this.dialog.getByRole('form', { name: 'Your details and variables' });
    await details.getByRole('textbox', { name: 'Your name' }).fill(name);
    await details.getByRole('textbox', { name: 'Your email' }).fill(email);
    await details.getByRole('button', { name: 'Save' }).click();
    await expect(details.getByRole('status')).toHaveText('Saved.');
  }
}
