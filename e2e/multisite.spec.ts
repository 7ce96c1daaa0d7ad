/**
 * A login with several blogs (a WordPress multisite network): the author adds the network by its
 * address, signs in with a user name and an application password, sees the blogs of that login
 * (and not the network's other blogs), chooses all of them, and finds each under "Your blogs".
 * Against the real test network of e2e/servers/wordpress-multisite.sh.
 */
import { mergeTests } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressMultisiteTest } from './servers/playwright';

const test = mergeTests(signetTest, wordpressMultisiteTest);

test('a login with several blogs adds them all', async ({ signet, wordpressMultisite: net }) => {
  const app = new SignetPage(signet.page);
  await app.ready();
  await app.page.getByRole('button', { name: 'Accounts' }).click();
  const accounts = app.page.getByRole('dialog', { name: 'Blog accounts' });
  await accounts.getByRole('textbox', { name: 'Blog address' }).fill(net.url);
  await accounts.getByRole('button', { name: 'Continue' }).click();
  await expect(accounts.getByRole('group', { name: 'Blog found' })).toContainText(net.main.name);

  await accounts.getByRole('textbox', { name: 'User name' }).fill(net.authorUser);
  await accounts.getByLabel('Application password').fill(net.authorAppPassword);
  await accounts.getByRole('button', { name: 'Sign in', exact: true }).click();

  // The blogs of this login: the main site (chosen already) and /second/, never /third/.
  const choice = accounts.getByRole('group', { name: 'This login has 2 blogs. Which should Signet add?' });
  await expect(choice).toBeVisible();
  await expect(choice.getByRole('checkbox')).toHaveCount(2);
  const mainBox = choice.getByRole('checkbox', { name: `${net.main.name} ${net.main.url}` });
  const secondBox = choice.getByRole('checkbox', { name: `${net.second.name} ${net.second.url}` });
  await expect(mainBox).toBeChecked();
  await expect(secondBox).not.toBeChecked();
  await expect(choice).not.toContainText(net.third.name);
  await expect(accounts.getByRole('button', { name: 'Add blog', exact: true })).toBeVisible();

  await choice.getByRole('button', { name: 'Choose all' }).click();
  await expect(secondBox).toBeChecked();
  await accounts.getByRole('button', { name: 'Add 2 blogs' }).click();

  // Each blog is an account of its own, at its own address, through the REST API.
  const yourBlogs = accounts.getByRole('region', { name: 'Your blogs' });
  const rows = yourBlogs.getByRole('list', { name: 'Blog accounts' }).getByRole('listitem');
  // The two blogs, beside the site folder every new user starts with.
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'My Signet site (on this computer)' })).toHaveCount(1);
  const mainRow = rows.filter({ has: app.page.getByText(net.main.name, { exact: true }) });
  const secondRow = rows.filter({ has: app.page.getByText(net.second.name, { exact: true }) });
  await expect(mainRow).toHaveAccessibleName(`${net.main.name} (${net.authorUser})`);
  await expect(secondRow).toHaveAccessibleName(`${net.second.name} (${net.authorUser})`);
  await expect(mainRow).toContainText(`${net.main.url} · Author · via REST API`);
  await expect(secondRow).toContainText(`${net.second.url} · Author · via REST API`);
  await expect(yourBlogs).not.toContainText(net.third.name);
  // The sign-in is over: the dialog asks for the next blog's address.
  await expect(accounts.getByRole('textbox', { name: 'Blog address' })).toHaveValue('');
});
