/**
 * Hostile content in the real renderer (Chromium) against the real main process and the real
 * WordPress on loopback: the worst entries of the hostile corpus (electron/security/testing/
 * hostileCorpus.ts) pasted into a draft, imported from a Markdown file, and opened from the blog
 * as a remote post stored with raw HTML by the administrator. In each case no payload runs (the
 * window flag they set stays unset, no dialog opens), the editor shows the benign words, and the
 * post Signet then publishes to WordPress holds nothing the checker finds executable.
 * Content-Security-Policy violations are allowed (the CSP is a second wall) and printed.
 */
import * as fsp from 'node:fs/promises';
import { mergeTests, type Page } from '@playwright/test';
import { test as signetTest, expect } from './fixtures';
import { SignetPage } from './pages/SignetPage';
import { wordpressTest, type WordPressServer } from './servers/playwright';
import { describeFindings, findExecutableHtml } from '../electron/security/testing/executable';
import {
  HOSTILE_FLAG,
  HOSTILE_HTML,
  HOSTILE_MARKDOWN,
  type HostileEntry,
} from '../electron/security/testing/hostileCorpus';

const test = mergeTests(signetTest, wordpressTest);

const entry = (list: HostileEntry[], name: string): HostileEntry => {
  const found = list.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No corpus entry ${name}`);
  return found;
};

/**
 * The worst of the corpus: executes in a naive sanitizer or a browser's own paste. The last one
 * leaves a `<style>` open, which takes everything after it as its text (in any HTML parser).
 */
const WORST = [
  'script-plain', 'img-onerror', 'svg-foreignobject-iframe', 'noscript-breakout', 'a-javascript-tab-inside',
  'entity-hex-no-semicolon', 'iframe-srcdoc', 'style-url-javascript', 'template-shadow-root', 'details-ontoggle',
  'comment-in-attribute', 'link-onclick-web-href', 'math-mglyph-style',
].map((name) => entry(HOSTILE_HTML, name)); // prettier-ignore

const WORST_MARKDOWN = ['md-link-javascript', 'md-image-javascript', 'md-autolink-javascript', 'md-inline-html', 'md-html-block', 'md-table-html-block'].map((name) => entry(HOSTILE_MARKDOWN, name)); // prettier-ignore

interface Watch {
  dialogs: string[];
  violations(): Promise<string[]>;
}

/** Records dialogs and CSP violations from now on. */
async function watch(page: Page): Promise<Watch> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.evaluate(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    dialogs,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

/** Nothing ran: no flag, no dialog; nothing executable in the editor's DOM. */
async function expectNothingRan(app: SignetPage, watched: Watch, label: string) {
  // Give handlers (onerror, ontoggle, animations) time to fire if anything slipped through.
  await app.page.waitForTimeout(500);
  const flag = await app.page.evaluate(
    (name) => (window as unknown as Record<string, unknown>)[name],
    HOSTILE_FLAG,
  );
  expect(flag, `${label}: a payload ran`).toBeUndefined();
  expect(watched.dialogs, `${label}: a payload opened a dialog`).toEqual([]);
  const dangerous = await app.body.evaluate((body) => {
    const found: string[] = [];
    for (const el of Array.from(body.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'style', 'form'].includes(tag))
        found.push(`<${tag}>`);
      for (const name of el.getAttributeNames()) {
        const value = el.getAttribute(name) ?? '';
        if (/^on/i.test(name)) found.push(`<${tag} ${name}>`);
        if (/^(href|src|srcset|action|formaction|xlink:href|data)$/i.test(name) && /^\s*(javascript|vbscript|data:text)/i.test(value.replace(/[\t\n\r]/g, '')))
          found.push(`<${tag} ${name}="${value}">`);
      }
    }
    return found;
  }); // prettier-ignore
  expect(dangerous, `${label}: executable markup in the editor`).toEqual([]);
  const violations = await watched.violations();
  if (violations.length > 0)
    console.log(`${label}: CSP violations (blocked, allowed): ${violations.join('; ')}`);
}

interface WpPost {
  id: number;
  title: { raw: string };
  content: { raw: string };
}

/** Publishes the open draft to the test WordPress now. */
async function publishToWordPress(page: Page) {
  await page.getByRole('button', { name: 'Publish…' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish' });
  const blog = publish.getByRole('combobox', { name: 'Blog' });
  const labels = await blog.locator('option').allTextContents();
  const wp = labels.find((label) => label.includes('Signet Test Blog'));
  expect(wp, `the Blog choices: ${labels.join(', ')}`).toBeDefined();
  await blog.selectOption({ label: wp! });
  await publish.getByRole('combobox', { name: 'Status' }).selectOption('publish');
  await publish.getByRole('button', { name: /^(Publish|Update on blog)$/ }).click();
  await expect(publish.getByRole('status', { name: 'Publish result' })).toContainText(/Published|Updated/, {
    timeout: 60_000,
  });
  await publish.getByRole('button', { name: 'Close', exact: true }).first().click();
}

async function postTitled(wordpress: WordPressServer, title: string): Promise<WpPost> {
  const posts = await wordpress.restJson<WpPost[]>(
    `/wp/v2/posts?search=${encodeURIComponent(title)}&status=any&context=edit`,
  );
  const post = posts.find((candidate) => candidate.title.raw === title);
  expect(post, `a post titled ${title} on WordPress`).toBeDefined();
  return post!;
}

function expectCleanOnBlog(post: WpPost, label: string) {
  const findings = findExecutableHtml(post.content.raw);
  expect(describeFindings(findings), `${label}: what WordPress received:\n${post.content.raw}`).toBe('');
}

test.describe('hostile content never runs and never reaches a blog unsanitized', () => {
  test('pasted: nothing runs, the benign words stay, and WordPress receives clean HTML', async ({
    signet,
    wordpress,
  }) => {
    test.setTimeout(180_000);
    const app = new SignetPage(signet.page);
    const run = Date.now().toString(36);
    await app.ready();
    await app.addWordPress(wordpress);
    const watched = await watch(app.page);
    const title = `Hostile paste ${run}`;
    await app.newDraft(title);
    await app.body.click();
    for (const hostile of WORST) {
      await app.focusBodyEnd();
      await app.paste({ html: hostile.source, text: 'plain fallback' });
    }
    await expectNothingRan(app, watched, 'paste');
    for (const hostile of WORST)
      for (const words of hostile.benign) await expect(app.body, hostile.name).toContainText(words);
    await expect(app.body.getByRole('link', { name: 'good link' })).toHaveAttribute(
      'href',
      'https://example.com/ok',
    );
    await expect(app.body.getByRole('link', { name: 'link words' })).toHaveCount(0);
    await app.waitSaved();

    await publishToWordPress(app.page);
    await expectNothingRan(app, watched, 'paste, after publishing');
    const post = await postTitled(wordpress, title);
    expectCleanOnBlog(post, 'paste');
    expect(post.content.raw).toContain('Intro words');
  });

  test('imported from Markdown: nothing runs, the benign words stay, and WordPress receives clean HTML', async ({
    signet,
    wordpress,
  }) => {
    test.setTimeout(180_000);
    const app = new SignetPage(signet.page);
    const run = Date.now().toString(36);
    await app.ready();
    await app.addWordPress(wordpress);
    const watched = await watch(app.page);
    const title = `Hostile Markdown ${run}`;
    const source = test.info().outputPath('hostile.md');
    const parts = [...WORST_MARKDOWN.map((e) => e.source), ...WORST.slice(0, 6).map((e) => e.source)];
    await fsp.writeFile(
      source,
      ['---', `title: "${title}"`, '---', '', ...parts.flatMap((part) => [part, ''])].join('\n'),
    );
    await signet.pickNext('file', source);
    await app.page.getByRole('button', { name: 'Import Markdown…' }).click();
    await expect(app.title).toHaveValue(title);
    await expectNothingRan(app, watched, 'Markdown import');
    for (const hostile of WORST_MARKDOWN)
      for (const words of hostile.benign) await expect(app.body, hostile.name).toContainText(words);
    await expect(app.body.getByRole('link', { name: 'link words' })).toHaveCount(0);
    await app.waitSaved();

    await publishToWordPress(app.page);
    await expectNothingRan(app, watched, 'Markdown import, after publishing');
    expectCleanOnBlog(await postTitled(wordpress, title), 'Markdown import');
  });

  test('opened from the blog: nothing runs, the benign words stay, and the update WordPress receives is clean', async ({
    signet,
    wordpress,
  }) => {
    test.setTimeout(180_000);
    const app = new SignetPage(signet.page);
    const run = Date.now().toString(36);
    const title = `Hostile remote ${run}`;
    // The administrator may store unfiltered HTML: the post holds the payloads as written.
    const stored = await wordpress.restJson<WpPost>('/wp/v2/posts?context=edit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, status: 'publish', content: WORST.map((e) => e.source).join('\n\n') }),
    });
    expect(findExecutableHtml(stored.content.raw).length, 'the stored post is hostile').toBeGreaterThan(0);

    await app.ready();
    await app.addWordPress(wordpress);
    const watched = await watch(app.page);
    await app.page.getByRole('button', { name: 'Open from blog' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Open from blog' });
    await dialog.getByRole('combobox', { name: 'Blog' }).selectOption({ label: 'Signet Test Blog' });
    await dialog.getByRole('searchbox', { name: 'Search the blog' }).fill(run);
    await dialog.getByRole('button', { name: `Open “${title}” as a draft` }).click({ timeout: 30_000 });
    await expect(app.title).toHaveValue(title);
    await expectNothingRan(app, watched, 'open from blog');
    for (const hostile of WORST)
      for (const words of hostile.benign) await expect(app.body, hostile.name).toContainText(words);
    await app.focusBodyEnd();
    await app.type(' Edited in Signet.');
    await app.waitSaved();

    await publishToWordPress(app.page);
    await expectNothingRan(app, watched, 'open from blog, after publishing');
    const post = await wordpress.restJson<WpPost>(`/wp/v2/posts/${stored.id}?context=edit`);
    expect(post.content.raw).toContain('Edited in Signet.');
    expectCleanOnBlog(post, 'open from blog');
  });
});
