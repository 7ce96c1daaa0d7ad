import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { test, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { paragraphState, seedDrafts } from './support/seed';

/** Rewrites a draft file the way a sync tool does: a new file renamed over the old one. */
async function changeOnDisk(draftsDir: string, title: string, text: string): Promise<void> {
  for (const name of await fsp.readdir(draftsDir)) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(draftsDir, name);
    const draft = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
    draft.title = title;
    draft.editorState = paragraphState([text]);
    draft.updatedAt = new Date(Date.now() + 1000).toISOString();
    await fsp.writeFile(file + '.synctmp', JSON.stringify(draft));
    await fsp.rename(file + '.synctmp', file);
    return;
  }
  throw new Error('no draft file to change');
}

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
    // Opening a draft is not an edit: after autosave had its chance, the file is untouched.
    await expect(app.title).toHaveValue('Notes on sailing number 199');
    const seeded = await fsp.readFile(path.join(signet.dataDir, 'drafts', 'seed199.json'), 'utf8');
    await app.page.waitForTimeout(2500);
    expect(await fsp.readFile(path.join(signet.dataDir, 'drafts', 'seed199.json'), 'utf8')).toBe(seeded);
    await expect(app.saveStatus).toHaveText('Saved');

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
    await app.startDraft('Soon in the trash', 'Keep me.');
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
    await app.startDraft('Revised', 'The first version of this paragraph.');
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

  test('a draft changed by another program is picked up; a clash keeps both versions', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Synced', 'Written here first.');
    await app.waitSaved();
    const draftsDir = path.join(signet.dataDir, 'drafts');

    // Nothing unsaved here: the other program's version simply shows up.
    await changeOnDisk(draftsDir, 'Synced from the laptop', 'Edited on the laptop.');
    await expect(app.title).toHaveValue('Synced from the laptop');
    await expect(app.body).toContainText('Edited on the laptop.');
    await expect(app.draftItem('Synced from the laptop')).toBeVisible();

    // Unsaved words here while the file changes there: the author chooses, nothing is lost.
    await app.focusBodyEnd();
    await app.type(' My unsaved words.');
    await changeOnDisk(draftsDir, 'Synced again', 'The laptop wrote this meanwhile.');
    const dialog = app.page.getByRole('dialog', { name: 'This draft was changed in two places' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('region', { name: 'Other version' })).toContainText('Synced again');
    // Each side shows its words, so the author can tell them apart before choosing.
    await expect(dialog.getByRole('region', { name: 'Other version' })).toContainText(
      'The laptop wrote this meanwhile.',
    );
    await expect(dialog.getByRole('region', { name: 'Your version' })).toContainText('My unsaved words.');
    await dialog.getByRole('button', { name: 'Keep both' }).click();

    await expect(app.draftItem('Synced again')).toBeVisible();
    const copy = app.draftList.getByRole('button', { name: /conflicted copy/ });
    await expect(copy).toBeVisible();
    await copy.click();
    await expect(app.body).toContainText('My unsaved words.');
    await app.openDraft('Synced again');
    await expect(app.body).toContainText('The laptop wrote this meanwhile.');
  });

  test('move the drafts folder from Settings; the app keeps using it after a restart', async ({ signet }) => {
    const app = new SignetPage(signet.page);
    await app.ready();
    await app.startDraft('Moving house', 'These words move with the folder.');
    await app.waitSaved();

    const target = path.join(signet.dataDir, 'Sync', 'Signet drafts');
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const settings = app.page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toContainText(path.join(signet.dataDir, 'drafts'));
    if (signet.target === 'web') {
      await settings.getByRole('textbox', { name: 'New folder (full path)' }).fill(target);
      await settings.getByRole('button', { name: 'Move drafts folder' }).click();
    } else {
      await signet.pickNext('folder', target);
      await settings.getByRole('button', { name: 'Move drafts folder…' }).click();
    }
    await expect(settings.getByRole('status')).toHaveText(`Your drafts are now in ${target}.`);
    const moved = await fsp.readdir(target);
    expect(moved.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    expect(
      (await fsp.readdir(path.join(signet.dataDir, 'drafts')).catch(() => [])).filter((n) =>
        n.endsWith('.json'),
      ),
    ).toEqual([]);
    await settings.getByRole('button', { name: 'Close' }).click();

    await signet.restart();
    const again = new SignetPage(signet.page);
    await expect(again.body).toContainText('These words move with the folder.');
    await again.page.getByRole('button', { name: 'Settings' }).click();
    await expect(again.page.getByRole('dialog', { name: 'Settings' })).toContainText(target);
  });
});
