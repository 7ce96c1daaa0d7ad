import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { seedDrafts } from './support/seed';

const TOPICS = [
  'gardening',
  'astronomy',
  'sourdough',
  'cycling',
  'typography',
  'beekeeping',
  'chess',
  'sailing',
];

test.describe('draft library', () => {
  test('search among 200 drafts finds title and body words as the author types', async ({ signet }) => {
    await signet.restart({
      before: () =>
        seedDrafts(
          signet.dataDir,
          Array.from({ length: 200 }, (_, i) => {
            const topic = TOPICS[i % TOPICS.length]!;
            return {
              id: `seed${String(i).padStart(3, '0')}`,
              title: `Notes on ${topic} number ${i}`,
              paragraphs: [
                `A post about ${topic}.`,
                i === 137 ? 'It mentions the zeppelin exactly once.' : 'Nothing unusual.',
              ],
            };
          }),
        ),
    });
    const app = new SignetPage(signet.page);
    await app.ready();
    await expect(app.drafts.getByRole('status')).toHaveText('200 drafts');
    // Sorted by last change: the newest seeded draft comes first.
    await expect(app.draftList.getByRole('button').first()).toContainText('number 199');

    await app.search.fill('zeppe');
    await expect(app.drafts.getByRole('status')).toHaveText('1 draft matches');
    await expect(app.draftList.getByRole('button')).toHaveCount(1);
    await expect(app.draftList.getByRole('button').first()).toContainText('Notes on astronomy number 137');

    await app.search.fill('sourdough');
    await expect(app.drafts.getByRole('status')).toHaveText('25 drafts match');

    await app.search.fill('');
    await expect(app.drafts.getByRole('status')).toHaveText('200 drafts');
  });

  test('trash a draft, find it in the trash, restore it', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Soon in the trash');
    await app.body.click();
    await app.type('Keep me.');
    await app.waitSaved();
    await app.page.getByRole('button', { name: 'Move to trash' }).click();
    await expect(app.draftItem('Soon in the trash')).toHaveCount(0);

    await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('trash');
    await app.openDraft('Soon in the trash');
    await app.page.getByRole('button', { name: 'Restore draft' }).click();
    await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('all');
    await expect(app.draftItem('Soon in the trash')).toBeVisible();
    await expect(app.body).toContainText('Keep me.');
  });

  test('restore an earlier revision of a draft', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.newDraft('Revised');
    await app.body.click();
    await app.type('The first version of this paragraph.');
    await app.waitSaved();
    // The host takes a revision at most every SIGNET_REVISION_INTERVAL_MS (1 s in the e2e suite).
    await app.page.waitForTimeout(1200);
    await app.page.keyboard.press('Control+a');
    await app.type('A completely rewritten second version.');
    await app.waitSaved();

    await app.page.getByRole('button', { name: 'Revisions' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Revisions' });
    const list = dialog.getByRole('list', { name: 'Revisions of this draft' });
    await expect(list.getByRole('button').first()).toBeVisible();
    await list.getByRole('button').first().click();
    await expect(dialog.getByRole('textbox', { name: 'Revision text' })).toContainText('The first version');
    await dialog.getByRole('button', { name: 'Restore this revision' }).click();

    await expect(app.body).toContainText('The first version of this paragraph.');
    await expect(app.body).not.toContainText('rewritten');
  });
});
