/**
 * Sign in without pasting: Signet opens the blog's own "authorize application" page; the author
 * logs in and approves there; WordPress sends the browser back to Signet (the web host's loopback
 * twin of signet://), and the blog can be added.
 */
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressTest } from './servers/playwright';

const test = mergeTests(signetTest, wordpressTest);

test('sign in through WordPress’s authorize-application page', async ({ signet, wordpress }) => {
  test.skip(signet.target !== 'web', 'The web host opens the authorize page in a tab the test can drive.');
  test.setTimeout(120_000);
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = app.page.getByRole('dialog', { name: 'Blog accounts' });
  await accounts.getByRole('textbox', { name: 'Blog address' }).fill(wordpress.url);
  await accounts.getByRole('button', { name: 'Continue' }).click();
  await accounts.getByRole('button', { name: 'Sign in with the browser' }).click();
  await expect(accounts.getByRole('status')).toContainText('approve Signet in the browser');

  // What Signet asked the system browser to open: WordPress's authorize page.
  await expect.poll(async () => (await signet.openedExternally()).length).toBe(1);
  const [authorizeUrl] = await signet.openedExternally();
  expect(authorizeUrl).toContain('/wp-admin/authorize-application.php');
  // A name of its own each time: WordPress refuses two application passwords with one name.
  expect(new URL(authorizeUrl!).searchParams.get('app_name')).toMatch(
    /^Signet \(.+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/,
  );

  // The author, in their browser: log in, approve.
  const tab = await app.page.context().newPage();
  await tab.goto(authorizeUrl!);
  await tab.getByLabel('Username or Email Address').fill(wordpress.user);
  await tab.getByLabel('Password', { exact: true }).fill(wordpress.adminPassword);
  await tab.getByRole('button', { name: 'Log In' }).click();
  await tab.getByRole('button', { name: 'Yes, I approve of this connection' }).click();
  await expect(tab.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await tab.close();

  // Back in Signet: the sign-in finished; add the blog.
  await expect(accounts).toContainText('Signed in to');
  await accounts.getByRole('button', { name: 'Add blog' }).click();
  const row = accounts
    .getByRole('list', { name: 'Blog accounts' })
    .getByRole('listitem')
    .filter({ hasText: 'Signet Test Blog' });
  await expect(row).toContainText('Signet Test Blog');
  await expect(row).not.toContainText('signed out');
});
