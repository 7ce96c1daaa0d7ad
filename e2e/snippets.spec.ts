/**
 * Reusable snippets as an author uses them: a library with variables, a live preview and inline
 * template errors; delete with undo, reorder, export and import into another Signet. With the real
 * WordPress: a signature in a draft follows edits to the snippet, a bio is the blog's footer, and
 * the published post has both with the variables filled in.
 */
import * as fsp from 'node:fs/promises';
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { SnippetsScreen } from './pages/SnippetsScreen';
import { wordpressTest } from './servers/playwright';
import { openSecondWebApp } from './support/secondWebApp';

const test = mergeTests(signetTest, wordpressTest);

test('the snippet library: variables, preview, template errors, search, reorder, delete and undo, export and import', async ({
  signet,
  browser,
}) => {
  test.setTimeout(120_000);
  const app = new SignetPage(signet.page);
  let snippets = new SnippetsScreen(signet.page);
  await app.ready();
  await snippets.open();
  await snippets.setAuthor('Ada Lovelace', 'ada@example.org');

  // A signature with variables; the preview fills them in with the author's details.
  await snippets.create('Signature', 'Work signature');
  await snippets.type('Best, {{author.name}} <{{author.email}}>');
  await expect(snippets.preview).toContainText('Best, Ada Lovelace <ada@example.org>');
  await snippets.dialog.getByRole('checkbox', { name: 'Hide email addresses from spam harvesters' }).check();
  await expect(snippets.preview).toContainText('ada [at] example [dot] org');
  await snippets.waitSaved();

  // A template error is shown next to the editor while writing, not at publish time.
  await snippets.create('Bio', 'Short bio');
  await snippets.type('Write to me: {{#author.email}}{{author.email}}');
  const alert = snippets.dialog.getByRole('alert').filter({ hasText: '{{#author.email}} is never closed' });
  await expect(alert).toBeVisible();
  await snippets.type('{{/author.email}}');
  await expect(alert).toBeHidden();
  await expect(snippets.preview).toContainText('Write to me: ada@example.org');
  await snippets.waitSaved();

  await snippets.create('Footer', 'Newsletter footer');
  await snippets.type('Subscribe to {{blog.name}}.');
  await snippets.waitSaved();
  expect(await snippets.names()).toEqual(['Work signature', 'Short bio', 'Newsletter footer']);

  // Search by name and by text.
  await snippets.search.fill('subscribe');
  await expect(snippets.list.getByRole('button')).toHaveCount(1);
  await expect(snippets.item('Newsletter footer')).toBeVisible();
  await snippets.search.fill('');

  // Reorder with the keyboard (Alt+Arrow on a row) and with the buttons.
  await snippets.item('Newsletter footer').focus();
  await signet.page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => snippets.names()).toEqual(['Work signature', 'Newsletter footer', 'Short bio']);
  await expect(snippets.item('Newsletter footer')).toBeFocused();
  await snippets.item('Work signature').click();
  await snippets.dialog.getByRole('button', { name: 'Move down' }).click();
  await expect.poll(() => snippets.names()).toEqual(['Newsletter footer', 'Work signature', 'Short bio']);

  // Delete, then undo: it comes back in its place with its content.
  await snippets.item('Work signature').click();
  await snippets.dialog.getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => snippets.names()).toEqual(['Newsletter footer', 'Short bio']);
  await expect(snippets.dialog.getByText('Deleted “Work signature”.')).toBeVisible();
  await snippets.dialog.getByRole('button', { name: 'Undo deleting “Work signature”' }).click();
  await expect.poll(() => snippets.names()).toEqual(['Newsletter footer', 'Work signature', 'Short bio']);
  await expect(snippets.content).toContainText('Best, {{author.name}}');

  // The order and the content survive a restart.
  await snippets.close();
  await signet.restart();
  snippets = new SnippetsScreen(signet.page);
  await snippets.open();
  await expect.poll(() => snippets.names()).toEqual(['Newsletter footer', 'Work signature', 'Short bio']);

  // Export, then import into another Signet with an empty library.
  const file = test.info().outputPath('my-snippets.json');
  await signet.pickNext('save', file);
  await snippets.dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(snippets.dialog.getByText(`Exported 3 snippets to ${file}.`)).toBeVisible();
  expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toMatchObject({ format: 'signet-snippets' });

  const other = await openSecondWebApp(browser);
  try {
    const otherSnippets = new SnippetsScreen(other.page);
    await new SignetPage(other.page).ready();
    await otherSnippets.open();
    await expect(otherSnippets.dialog.getByText('0 snippets')).toBeVisible();
    await other.pickNext('file', file);
    await otherSnippets.dialog.getByRole('button', { name: 'Import…' }).click();
    await expect(
      otherSnippets.dialog.getByText('Imported: 3 added, 0 updated, 0 already here.'),
    ).toBeVisible();
    await expect
      .poll(() => otherSnippets.names())
      .toEqual(['Newsletter footer', 'Work signature', 'Short bio']);
    await otherSnippets.item('Work signature').click();
    await expect(otherSnippets.preview).toContainText('ada [at] example [dot] org');
  } finally {
    await other.close();
  }
});

interface WpPost {
  id: number;
  content: { raw: string };
}

test('a signature in a draft follows the snippet; the blog’s footer bio; both published with the variables filled in, then re-applied', async ({
  signet,
  wordpress,
}) => {
  test.setTimeout(240_000);
  const app = new SignetPage(signet.page);
  const snippets = new SnippetsScreen(signet.page);
  const run = Date.now().toString(36);
  await app.ready();

  // The WordPress account.
  await app.addWordPress(wordpress);

  // A signature and a bio, with variables.
  const signature = `Signature ${run}`;
  const bio = `Bio ${run}`;
  await snippets.open();
  await snippets.setAuthor('Ada Lovelace', 'ada@example.org');
  await snippets.create('Signature', signature);
  await snippets.type('Cheers, {{author.name}} ({{author.email}}) on “{{post.title}}”.');
  await snippets.dialog.getByRole('checkbox', { name: 'Hide email addresses from spam harvesters' }).check();
  await expect(snippets.preview).toContainText('Cheers, Ada Lovelace (ada [at] example [dot] org)');
  await snippets.waitSaved();
  await snippets.create('Bio', bio);
  await snippets.type('{{author.name}} writes at {{blog.name}}.');
  await snippets.waitSaved();
  await snippets.close();

  // The bio is the blog's footer.
  await app.page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = app.page.getByRole('dialog', { name: 'Blog accounts' });
  await accounts
    .getByRole('listitem', { name: /Signet Test Blog/ })
    .getByRole('combobox', { name: 'Footer snippet' })
    .selectOption({ label: `${bio} (Bio)` });
  await accounts.getByRole('button', { name: 'Close' }).click();

  // A draft with the signature in it, variables filled in for this draft.
  const title = `Tide tables ${run}`;
  await app.startDraft(title, 'High water at noon.');
  await app.page.keyboard.press('Enter');
  await app.tool('Insert snippet').click();
  await app.page
    .getByRole('dialog', { name: 'Insert snippet' })
    .getByRole('option', { name: new RegExp(signature) })
    .click();
  await expect(app.body).toContainText(`Cheers, Ada Lovelace (ada [at] example [dot] org) on “${title}”.`);
  await app.waitSaved();

  // Editing the snippet changes the draft.
  await snippets.open();
  await snippets.item(signature).click();
  await snippets.type(' Fair winds.');
  await snippets.waitSaved();
  await snippets.close();
  await expect(app.body).toContainText('Fair winds.');
  await app.waitSaved();

  // Publish: the footer is offered (on by default) and the preview is the final post.
  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  await expect(publish.getByRole('checkbox', { name: `Add footer: ${bio}` })).toBeChecked();
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  const preview = publish.getByRole('article', { name: 'Post preview' });
  await expect(preview).toContainText('Fair winds.');
  await expect(preview).toContainText('Ada Lovelace writes at Signet Test Blog.');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Published', {
    timeout: 60_000,
  });
  await publish.getByRole('button', { name: 'Close', exact: true }).first().click();

  const readBack = async () => {
    const found = await wordpress.restJson<WpPost[]>(
      `/wp/v2/posts?search=${encodeURIComponent(run)}&context=edit`,
    );
    expect(found).toHaveLength(1);
    return found[0]!.content.raw;
  };
  const content = await readBack();
  expect(content).toContain('High water at noon.');
  expect(content).toContain(`Cheers, Ada Lovelace (ada [at] example [dot] org) on “${title}”. Fair winds.`);
  expect(content).not.toContain('ada@example.org');
  expect(content).not.toContain('{{');
  expect(content).toContain('Ada Lovelace writes at Signet Test Blog.');
  expect(content.indexOf('Ada Lovelace writes at')).toBeGreaterThan(content.indexOf('Fair winds.'));

  // Change the bio, see where it is used, and update the published post in one step.
  await snippets.open();
  await snippets.item(bio).click();
  await snippets.type(' Mostly about the sea.');
  await snippets.waitSaved();
  const uses = snippets.dialog.getByRole('list', { name: 'Published posts using this snippet' });
  await expect(uses).toContainText(title);
  await expect(uses).toContainText('as the blog’s footer');
  await snippets.dialog.getByRole('button', { name: 'Update 1 published post…' }).click();
  const update = app.page.getByRole('dialog', { name: 'Update published posts' });
  await expect(update.getByRole('list', { name: 'Posts that will be updated' })).toContainText(title);
  await update.getByRole('button', { name: 'Update all' }).click();
  await expect(update.getByRole('list', { name: 'Update results' })).toContainText('Updated', {
    timeout: 60_000,
  });
  await expect(update.getByText('1 of 1 updated.')).toBeVisible();
  await update.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(update).toBeHidden();
  await expect(snippets.dialog).toBeVisible();
  expect(await readBack()).toContain('Ada Lovelace writes at Signet Test Blog. Mostly about the sea.');
});
