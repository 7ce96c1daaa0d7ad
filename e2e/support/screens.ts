/**
 * Every screen of Signet, and how a person reaches it from the main window (role and name clicks,
 * keyboard shortcuts). The accessibility proofs (e2e/a11y.spec.ts) and the screenshots
 * (e2e/screenshots.spec.ts) both walk this list, so a new screen added here is checked and pictured.
 *
 * Each screen gets a fresh app: `prepare` seeds what it needs once (drafts, a snippet, revisions),
 * `open` then walks to it. Where a screen needs a blog, it uses the static-site account Signet adds
 * on first start (no WordPress needed).
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import type { SignetHandle } from '../fixtures';
import { runFromPalette, SignetPage } from '../pages/SignetPage';
import { SnippetsScreen } from '../pages/SnippetsScreen';

export type Theme = 'light' | 'dark';

export interface Screen {
  /** File-name friendly id: `docs/screenshots/<id>-<theme>.png`. */
  id: string;
  /** What a person would call it. */
  title: string;
  /** Walks to the screen from the main window; resolves with the element that shows it. */
  open(app: SignetPage, signet: SignetHandle): Promise<Locator>;
}

/* ---------- Seeded writing: realistic drafts, the same every run ---------- */

type Block = { h2: string } | { p: string } | { quote: string } | { ul: string[] };

function textNode(text: string) {
  return { type: 'text', version: 1, text, format: 0, style: '', mode: 'normal', detail: 0 };
}
const element = { direction: null, format: '', indent: 0, version: 1 };

function editorState(blocks: Block[]): { root: unknown } {
  const children = blocks.map((block) => {
    if ('h2' in block) return { ...element, type: 'heading', tag: 'h2', children: [textNode(block.h2)] };
    if ('quote' in block) return { ...element, type: 'quote', children: [textNode(block.quote)] };
    if ('ul' in block)
      return {
        ...element,
        type: 'list',
        listType: 'bullet',
        start: 1,
        tag: 'ul',
        children: block.ul.map((item, i) => ({
          ...element,
          type: 'listitem',
          value: i + 1,
          children: [textNode(item)],
        })),
      };
    return { ...element, type: 'paragraph', textFormat: 0, textStyle: '', children: [textNode(block.p)] };
  });
  return { root: { ...element, type: 'root', children } };
}

interface SeedDraft {
  id: string;
  title: string;
  blocks: Block[];
  updatedAt: string;
  trashedAt?: string;
}

/** The draft every screen opens. */
export const MAIN_DRAFT = 'Notes from a week of slow travel';

export const SEED_DRAFTS: SeedDraft[] = [
  {
    id: 'slow-travel-notes',
    title: MAIN_DRAFT,
    updatedAt: '2026-03-14T09:20:00.000Z',
    blocks: [
      {
        p: 'We took the night train south on a Sunday, with one bag each and no plan beyond the first two nights. It was the best decision of the year.',
      },
      { h2: 'Leaving early' },
      {
        p: 'The station was nearly empty at six. A woman sold coffee from a cart by platform four, and the departure board clicked through its letters like an old typewriter.',
      },
      { h2: 'The night train' },
      {
        p: 'Our compartment had two narrow bunks, a folding table and a window that would not quite close. I slept better than I have in months, rocked by the rails and the cool air coming in over the fields.',
      },
      { quote: 'Travel slowly enough and the journey stops being the gap between places.' },
      { h2: 'What I would pack again' },
      { ul: ['A paper map of the region', 'Two good books and a notebook', 'A light wool jumper'] },
    ],
  },
  {
    id: 'plain-text',
    title: 'Why I still write in plain text',
    updatedAt: '2026-03-12T17:05:00.000Z',
    blocks: [
      {
        p: 'Every few years a new writing app promises to change everything. My drafts outlived all of them because they were just words in files.',
      },
    ],
  },
  {
    id: 'sourdough',
    title: 'Sourdough, three months in',
    updatedAt: '2026-03-09T08:40:00.000Z',
    blocks: [
      {
        p: 'The starter is called Gerald, and he is more reliable than I am. Here is what finally gave me an open crumb.',
      },
    ],
  },
  {
    id: 'winter-reading',
    title: 'A reading list for the winter',
    updatedAt: '2026-02-27T20:15:00.000Z',
    blocks: [{ p: 'Six books for long evenings, from a lighthouse keeper’s diary to a history of maps.' }],
  },
  {
    id: 'garden-gate',
    title: 'Fixing the garden gate',
    updatedAt: '2026-02-20T11:00:00.000Z',
    trashedAt: '2026-03-01T10:00:00.000Z',
    blocks: [{ p: 'New hinges, a little oil and a lot of patience. The gate now closes without a sound.' }],
  },
  {
    id: 'conference-recap',
    title: 'Conference recap (old notes)',
    updatedAt: '2026-01-18T15:30:00.000Z',
    trashedAt: '2026-02-02T09:00:00.000Z',
    blocks: [
      { p: 'Talks worth watching again, and the hallway conversations that were better than the talks.' },
    ],
  },
];

/** Writes the seeded drafts into the data folder, as a sync tool would; the app picks them up. */
export async function seedWriting(signet: SignetHandle): Promise<SignetPage> {
  const dir = path.join(signet.dataDir, 'drafts');
  await fsp.mkdir(dir, { recursive: true });
  for (const d of SEED_DRAFTS) {
    const file = {
      schemaVersion: 1,
      id: d.id,
      title: d.title,
      createdAt: d.updatedAt,
      updatedAt: d.updatedAt,
      editorState: editorState(d.blocks),
      meta: {},
      destinations: {},
      ...(d.trashedAt ? { trashedAt: d.trashedAt } : {}),
    };
    await fsp.writeFile(path.join(dir, `${d.id}.json`), JSON.stringify(file));
  }
  const app = new SignetPage(signet.page);
  await app.ready();
  await expect(app.draftItem(MAIN_DRAFT)).toBeVisible({ timeout: 15_000 });
  return app;
}

/** Sets the theme preference as a person would, from the command palette. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  const title = theme === 'dark' ? 'Theme: Dark' : 'Theme: Light';
  await runFromPalette(page, title, new RegExp(`^${title}`));
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Opens the main draft with the caret at the end of its text. */
async function openMainDraft(app: SignetPage): Promise<void> {
  await app.openDraft(MAIN_DRAFT);
  await expect(app.body).toContainText('A light wool jumper');
}

async function openDialog(app: SignetPage, button: string | RegExp, dialog: string): Promise<Locator> {
  await app.page.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  const shown = app.page.getByRole('dialog', { name: dialog });
  await expect(shown).toBeVisible();
  return shown;
}

/** Opens Snippets and writes a new signature; resolves with the screen, still open. */
async function newSignature(app: SignetPage, name: string, text: string): Promise<SnippetsScreen> {
  const snippets = new SnippetsScreen(app.page);
  await snippets.open();
  await snippets.create('Signature', name);
  await snippets.type(text);
  await snippets.waitSaved();
  return snippets;
}

/** The caret somewhere the author would leave it (and not blinking into a screenshot). */
async function parkCaretInBody(app: SignetPage): Promise<void> {
  await app.body.getByText('The station was nearly empty').click();
  await app.settle();
}

export const SCREENS: Screen[] = [
  {
    id: 'main',
    title: 'Main window with a draft open',
    async open(app) {
      await openMainDraft(app);
      return app.page.getByRole('main', { name: 'Draft' });
    },
  },
  {
    id: 'trash',
    title: 'Draft list in the trash view',
    async open(app) {
      await app.drafts.getByRole('combobox', { name: 'Show' }).selectOption('trash');
      await expect(app.draftItem('Fixing the garden gate')).toBeVisible();
      await app.openDraft('Fixing the garden gate');
      await expect(app.page.getByRole('button', { name: 'Restore draft' })).toBeVisible();
      return app.drafts;
    },
  },
  {
    id: 'focus-mode',
    title: 'Focus mode',
    async open(app) {
      await openMainDraft(app);
      await parkCaretInBody(app);
      await app.page.keyboard.press('Control+Shift+F');
      await expect(app.drafts).toBeHidden();
      return app.body;
    },
  },
  {
    id: 'palette',
    title: 'Command palette',
    async open(app) {
      await openMainDraft(app);
      await app.page.keyboard.press('Control+Shift+P');
      const palette = app.page.getByRole('dialog', { name: 'Command palette' });
      await expect(palette).toBeVisible();
      await palette.getByRole('combobox', { name: 'Command' }).fill('theme');
      await expect(palette.getByRole('option').first()).toBeVisible();
      return palette;
    },
  },
  {
    id: 'find',
    title: 'Find and replace bar',
    async open(app) {
      await openMainDraft(app);
      await parkCaretInBody(app);
      await app.page.keyboard.press('Control+f');
      await expect(app.findBar).toBeVisible();
      await app.findBar.getByLabel('Find', { exact: true }).fill('train');
      return app.findBar;
    },
  },
  {
    id: 'outline',
    title: 'Outline',
    async open(app) {
      await openMainDraft(app);
      await parkCaretInBody(app);
      await app.page.keyboard.press('Control+Shift+O');
      await expect(app.outline).toBeVisible();
      await expect(app.outline).toContainText('The night train');
      return app.outline;
    },
  },
  {
    id: 'settings',
    title: 'Settings',
    async open(app) {
      await openMainDraft(app);
      return openDialog(app, 'Settings', 'Settings');
    },
  },
  {
    id: 'backups',
    title: 'Settings: Backups',
    async open(app) {
      await openMainDraft(app);
      const settings = await openDialog(app, 'Settings', 'Settings');
      const backups = settings.getByRole('region', { name: 'Backups' });
      await backups.getByRole('button', { name: 'Back up now' }).click();
      await expect(backups.getByRole('status')).toContainText('Backed up');
      await backups.scrollIntoViewIfNeeded();
      return backups;
    },
  },
  {
    id: 'accounts',
    title: 'Blog accounts',
    async open(app) {
      await openMainDraft(app);
      const accounts = await openDialog(app, 'Accounts', 'Blog accounts');
      await expect(
        accounts.getByRole('list', { name: 'Blog accounts' }).getByRole('listitem'),
      ).not.toHaveCount(0);
      return accounts;
    },
  },
  {
    id: 'connect',
    title: 'Connect a blog (Ghost form)',
    async open(app) {
      await openMainDraft(app);
      const accounts = await openDialog(app, 'Accounts', 'Blog accounts');
      await accounts.getByRole('combobox', { name: 'Platform' }).selectOption({ label: 'Ghost' });
      const form = accounts.getByRole('form', { name: 'Connect Ghost' });
      await expect(form).toBeVisible();
      await form.getByRole('textbox', { name: 'Site address' }).fill('https://journal.example.org');
      return form;
    },
  },
  {
    id: 'snippets',
    title: 'Snippets',
    async open(app) {
      await openMainDraft(app);
      const snippets = await newSignature(
        app,
        'Newsletter sign-off',
        'Thanks for reading. Replies go straight to my inbox.',
      );
      return snippets.dialog;
    },
  },
  {
    id: 'publish',
    title: 'Publish (with its preview)',
    async open(app) {
      await openMainDraft(app);
      const publish = await openDialog(app, 'Publish…', 'Publish');
      await expect(publish.getByRole('article').first()).toContainText(MAIN_DRAFT);
      return publish;
    },
  },
  {
    id: 'publish-theme',
    title: 'Publish: preview in the blog’s theme',
    async open(app) {
      await openMainDraft(app);
      const publish = await openDialog(app, 'Publish…', 'Publish');
      const tab = publish.getByRole('tab', { name: 'In the blog’s theme' });
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(publish.getByRole('tabpanel')).toBeVisible();
      return publish;
    },
  },
  {
    id: 'outbox',
    title: 'Outbox',
    async open(app) {
      await openMainDraft(app);
      return openDialog(app, /^Outbox/, 'Outbox');
    },
  },
  {
    id: 'destinations',
    title: 'Destinations of a draft',
    async open(app) {
      await openMainDraft(app);
      return openDialog(app, /^Destinations/, 'Destinations');
    },
  },
  {
    id: 'open-from-blog',
    title: 'Open from blog',
    async open(app) {
      await openMainDraft(app);
      return openDialog(app, 'Open from blog', 'Open from blog');
    },
  },
  {
    id: 'media-library',
    title: 'Insert from media library',
    async open(app) {
      await openMainDraft(app);
      return openDialog(app, 'Insert from media library', 'Insert from media library');
    },
  },
  {
    id: 'revisions',
    title: 'Revisions',
    async open(app) {
      await openMainDraft(app);
      await app.focusBodyEnd();
      await app.page.keyboard.press('Enter');
      await app.type('On the way back we stopped for a night in a town I had never heard of.');
      await app.waitSaved();
      // The host takes a revision at most every SIGNET_REVISION_INTERVAL_MS (1 s in the e2e suite).
      await app.page.waitForTimeout(1200);
      await app.type(' It had one bakery and an excellent library.');
      await app.waitSaved();
      const revisions = await openDialog(app, 'Revisions', 'Revisions');
      const list = revisions.getByRole('list', { name: 'Revisions of this draft' });
      await list.getByRole('button').first().click();
      await expect(revisions.getByRole('region', { name: 'Revision preview' })).toBeVisible();
      return revisions;
    },
  },
  {
    id: 'conflict',
    title: 'A draft changed in two places',
    async open(app, signet) {
      await openMainDraft(app);
      await app.focusBodyEnd();
      await app.type(' And thick socks.');
      // Before the autosave, a sync program brings the laptop's version of the same draft.
      await rewriteSeedDraft(signet, 'slow-travel-notes', `${MAIN_DRAFT} (laptop)`, [
        { p: 'Written on the laptop on the train home: the night train, the coffee cart, the bakery.' },
      ]);
      const dialog = app.page.getByRole('dialog', { name: 'This draft was changed in two places' });
      await expect(dialog).toBeVisible({ timeout: 15_000 });
      await expect(dialog.getByRole('region', { name: 'Other version' })).toContainText('(laptop)');
      return dialog;
    },
  },
  {
    id: 'snippet-update',
    title: 'Update published posts after a snippet changed',
    async open(app) {
      await openMainDraft(app);
      const snippets = await newSignature(
        app,
        'Travel sign-off',
        'Safe travels, and write back with your own slow routes.',
      );
      await snippets.close();
      // The signature goes into the main draft, which is published to the site folder.
      await app.focusBodyEnd();
      await app.page.keyboard.press('Enter');
      await app.tool('Insert snippet').click();
      await app.page
        .getByRole('dialog', { name: 'Insert snippet' })
        .getByRole('option', { name: /Travel sign-off/ })
        .click();
      await expect(app.body).toContainText('Safe travels');
      await app.waitSaved();
      const publish = await openDialog(app, 'Publish…', 'Publish');
      await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
      await publish.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText('Published', {
        timeout: 30_000,
      });
      await publish.getByRole('button', { name: 'Close', exact: true }).first().click();
      // The signature changes: the published post is listed to be updated.
      await snippets.open();
      await snippets.item('Travel sign-off').click();
      await snippets.type(' See you on the next train.');
      await snippets.waitSaved();
      await snippets.dialog.getByRole('button', { name: 'Update 1 published post…' }).click();
      const update = app.page.getByRole('dialog', { name: 'Update published posts' });
      await expect(update.getByRole('list', { name: 'Posts that will be updated' })).toContainText(
        MAIN_DRAFT,
      );
      return update;
    },
  },
];

/** Replaces a seeded draft's file as a sync program does (a temp file, then a rename over it). */
async function rewriteSeedDraft(
  signet: SignetHandle,
  id: string,
  title: string,
  blocks: Block[],
): Promise<void> {
  const file = path.join(signet.dataDir, 'drafts', `${id}.json`);
  const draft = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
  draft.title = title;
  draft.editorState = editorState(blocks);
  draft.updatedAt = new Date(Date.now() + 1000).toISOString();
  await fsp.writeFile(`${file}.synctmp`, JSON.stringify(draft));
  await fsp.rename(`${file}.synctmp`, file);
}

/** A screen by id (throws on a typo). */
export function screen(id: string): Screen {
  const found = SCREENS.find((s) => s.id === id);
  if (!found) throw new Error(`No screen "${id}" in e2e/support/screens.ts`);
  return found;
}
