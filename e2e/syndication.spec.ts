/**
 * One draft, two blogs, as an author does it: the real WordPress is the original with the
 * signature as its footer, the real Ghost gets a copy with the bio and a "Link to original post"
 * line as its footer and the canonical URL pointing at the original. Both posts are read back
 * from the servers and compared.
 */
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { SnippetsScreen } from './pages/SnippetsScreen';
import { ghostTest, wordpressTest } from './servers/playwright';

const test = mergeTests(signetTest, wordpressTest, ghostTest);

interface WpPost {
  id: number;
  link: string;
  content: { raw: string };
}
interface GhostPost {
  id: string;
  title: string;
  html: string;
  canonical_url: string | null;
  status: string;
}

test('publishes the original to WordPress with the signature, then a copy to Ghost with the bio, a link back and the canonical URL', async ({
  signet,
  wordpress,
  ghost,
}) => {
  test.setTimeout(180_000);
  const run = `syn${Date.now().toString(36)}`;
  const app = new SignetPage(signet.page);
  const snippets = new SnippetsScreen(signet.page);
  await app.ready();

  // The snippets: a signature for the author's own blog, a bio with a link back for syndication.
  await snippets.open();
  await snippets.setAuthor('Ada Lovelace', 'ada@example.org');
  await snippets.create('Signature', `Signature ${run}`);
  await snippets.type('Yours, {{author.name}}');
  await snippets.waitSaved();
  await snippets.create('Bio', `Bio ${run}`);
  await snippets.type('{{author.name}} writes about engines. Link to original post: {{post.originalUrl}}');
  await snippets.waitSaved();
  await snippets.close();

  // Both blogs: WordPress by application password, Ghost by its Admin API key.
  await app.addWordPress(wordpress);
  await app.page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = app.page.getByRole('dialog', { name: 'Blog accounts' });
  await accounts.getByRole('combobox', { name: 'Platform' }).selectOption({ label: 'Ghost' });
  const connect = accounts.getByRole('form', { name: 'Connect Ghost' });
  await connect.getByRole('textbox', { name: 'Site address' }).fill(ghost.url);
  await connect.getByLabel('Admin API key').fill(ghost.adminApiKey);
  await connect.getByRole('button', { name: 'Connect' }).click();
  await accounts.getByRole('button', { name: 'Add blog' }).click();
  const rows = accounts.getByRole('list', { name: 'Blog accounts' });
  await expect(rows).toContainText('Signet Ghost Test Blog');

  // Each blog's footer.
  await rows
    .getByRole('listitem', { name: /^Signet Test Blog/ })
    .getByRole('combobox', { name: 'Footer snippet' })
    .selectOption({ label: `Signature ${run} (Signature)` });
  await rows
    .getByRole('listitem', { name: /^Signet Ghost Test Blog/ })
    .getByRole('combobox', { name: 'Footer snippet' })
    .selectOption({ label: `Bio ${run} (Bio)` });
  await accounts.getByRole('button', { name: 'Close' }).click();

  const title = `Difference engines ${run}`;
  await app.startDraft(title, 'The engine tabulates polynomials by the method of differences.');
  await app.waitSaved();

  // Publish: WordPress is the original, Ghost gets a copy; the preview shows both side by side.
  await app.page.getByRole('button', { name: 'Publish…' }).click();
  const publish = app.page.getByRole('dialog', { name: 'Publish' });
  await publish
    .getByRole('combobox', { name: 'Blog' })
    .selectOption({ label: `Signet Test Blog (${wordpress.user})` });
  await publish
    .getByRole('group', { name: 'Also send copies to' })
    .getByRole('checkbox', { name: /Signet Ghost Test Blog/ })
    .check();
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  const wpPreview = publish.getByRole('region', { name: /^Preview for Signet Test Blog/ });
  const ghostPreview = publish.getByRole('region', { name: /^Preview for Signet Ghost Test Blog/ });
  await expect(wpPreview).toContainText('Yours, Ada Lovelace');
  await expect(ghostPreview).toContainText('Ada Lovelace writes about engines.');
  await expect(ghostPreview).not.toContainText('Yours, Ada Lovelace');
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  const result = publish.getByRole('status', { name: 'Publish result' });
  await expect(result.getByRole('listitem', { name: /Signet Test Blog/ })).toContainText('Published', {
    timeout: 60_000,
  });
  await expect(result.getByRole('listitem', { name: /Signet Ghost Test Blog/ })).toContainText('Published', {
    timeout: 60_000,
  });
  await publish.getByRole('button', { name: 'Close', exact: true }).first().click();

  // Read both back from the servers.
  const found = await wordpress.restJson<WpPost[]>(
    `/wp/v2/posts?search=${encodeURIComponent(run)}&context=edit`,
  );
  expect(found).toHaveLength(1);
  const original = found[0]!;
  expect(original.content.raw).toContain('The engine tabulates polynomials');
  expect(original.content.raw).toContain('Yours, Ada Lovelace');
  expect(original.content.raw).not.toContain('writes about engines');

  const copies = await ghost.adminJson<{ posts: GhostPost[] }>(
    `/posts/?formats=html&filter=${encodeURIComponent(`title:'${title}'`)}`,
  );
  expect(copies.posts).toHaveLength(1);
  const copy = copies.posts[0]!;
  expect(copy.status).toBe('published');
  expect(copy.canonical_url).toBe(original.link);
  expect(copy.html).toContain('The engine tabulates polynomials');
  expect(copy.html).toContain('Ada Lovelace writes about engines.');
  expect(copy.html).toContain(`Link to original post: ${original.link}`);
  expect(copy.html).not.toContain('Yours, Ada Lovelace');

  // The draft knows where it stands on both.
  await app.page.getByRole('button', { name: /^Destinations/ }).click();
  const destinations = app.page.getByRole('dialog', { name: 'Destinations' });
  const list = destinations.getByRole('list', { name: 'Destinations of this draft' });
  await expect(list.getByRole('listitem').filter({ hasText: 'Signet Test Blog' })).toContainText('Original');
  await expect(list.getByRole('listitem').filter({ hasText: 'Signet Ghost Test Blog' })).toContainText(
    'Copy',
  );
  await expect(list).not.toContainText('Not sent');
});
