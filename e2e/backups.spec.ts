import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';

test.describe('backups', () => {
  test('back up now, delete a draft for good, restore the backup from Settings: the draft is back', async ({
    signet,
  }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Worth keeping', 'These words must survive.');
    await app.waitSaved();

    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    const backups = settings.getByRole('region', { name: 'Backups' });
    await expect(backups).toContainText('Passwords are never in a backup');
    await backups.getByRole('button', { name: 'Back up now' }).click();
    await expect(backups.getByRole('status')).toContainText('Backed up 1 draft');
    await expect(backups.getByRole('listitem').first()).toContainText('1 draft');
    await app.page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    // Gone for good: trash, then empty the trash.
    await app.page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(app.draftItem('Worth keeping')).toHaveCount(0);
    await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('trash');
    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.drafts.getByRole('button', { name: 'Empty trash…' }).click();
    await expect(app.draftItem('Worth keeping')).toHaveCount(0);
    await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await expect(app.draftItem('Worth keeping')).toHaveCount(0);

    await app.page.getByRole('button', { name: 'Settings' }).click();
    const restoreButtons = backups.getByRole('button', { name: /^Restore the backup of / });
    await expect(backups.getByRole('listitem').first()).toContainText('1 draft');
    await restoreButtons.first().click();
    const confirm = backups.getByRole('group', { name: /^Restore the backup of / });
    await expect(confirm).toContainText('Your current drafts are backed up first, then replaced');
    await expect(confirm.getByRole('checkbox', { name: /Also restore settings/ })).not.toBeChecked();
    await confirm.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(backups.getByRole('status')).toContainText('Restored the backup of');
    await app.page.keyboard.press('Escape');

    await app.openDraft('Worth keeping');
    await expect(app.body).toContainText('These words must survive.');
  });
});
