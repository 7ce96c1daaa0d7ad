/**
 * The welcome draft's text, written in Markdown. `onboarding.ts` fills in the folders and builds
 * the draft with the same Markdown import as "Import Markdown…" (publishing/compose/markdown.ts),
 * so it opens as ordinary rich text the author may edit, publish or delete.
 *
 * Kept in a TypeScript module rather than a `.md` file: the main process runs from one bundle
 * (electron-vite), from the sources under tsx (web host) and under vitest, and a string module
 * loads the same way in all three without a build step for text files.
 */

export const WELCOME_TITLE = 'Welcome to Signet';

export interface WelcomeFacts {
  /** Where the drafts are kept (`<data>/drafts` unless moved). */
  draftsDir: string;
  /** The site folder made on the first run, or null when it could not be made. */
  siteFolder: string | null;
  /** Why the site folder could not be made (shown only when `siteFolder` is null). */
  siteProblem?: string;
  /** `darwin` writes ⌘ first; elsewhere Ctrl. */
  platform: string;
}

/** The welcome draft as Markdown (no front matter: the title is the draft's own). */
export function welcomeMarkdown(facts: WelcomeFacts): string {
  const mod = facts.platform === 'darwin' ? '⌘' : 'Ctrl';
  const site =
    facts.siteFolder !== null
      ? [
          `Signet made a site for you to publish to at once: the folder ${code(facts.siteFolder)}. ` +
            'It is a **Hugo** site ([gohugo.io](https://gohugo.io)): each post you publish there becomes a ' +
            'Markdown file in its `content/posts` folder, and its images go to `static/images`. ' +
            'It is listed in **Accounts** as “My Signet site (on this computer)”.',
        ]
      : [
          'Signet could not make a site folder for you' +
            (facts.siteProblem ? ` (${facts.siteProblem.replace(/\s+$/, '')})` : '') +
            '. To publish to a folder on this computer, open **Accounts**, and under **Add a blog** ' +
            'choose the platform **Static site** and pick a folder.',
        ];
  return [
    'Signet is a quiet place to write blog posts and send them to your blogs. This page is an ordinary draft: edit it, keep it, or move it to the trash when you have read it.',
    '',
    '## Your drafts are your files',
    '',
    `Every draft is a plain file in a folder you own: ${code(facts.draftsDir)}. ` +
      'Signet saves as you type; there is no Save button to forget. To keep your drafts ' +
      'elsewhere (a synced folder, say), open **Settings** and choose **Move drafts folder…**.',
    '',
    'Deleted drafts go to the **Trash** first, and Signet keeps hourly backups you can restore in **Settings → Backups**.',
    '',
    '## Publishing',
    '',
    'One draft can go to several blogs. Signet publishes to:',
    '',
    '- **WordPress** (your own or WordPress.com, with an application password)',
    '- **Ghost** (with an Admin API key)',
    '- **Blogger** (with your Google account)',
    '- **Micropub** sites (IndieAuth)',
    '- a **static site folder** (Hugo, Jekyll or Eleventy)',
    '',
    ...site,
    '',
    'If a blog cannot be reached, the post waits in the **Outbox** and goes out when it can.',
    '',
    '## Add your blog',
    '',
    '1. Choose **Accounts** at the top of the window.',
    '2. Choose **Add your blog**, or pick the platform under **Add a blog**: WordPress, Ghost, Blogger, Micropub or a static site.',
    '3. Sign in. Signet never shows or logs your password; it is kept encrypted on this computer.',
    '',
    'Then open **Publish** on any draft and pick the blog.',
    '',
    '## Handy things',
    '',
    `- **Command palette**: press ${mod}+Shift+P and type what you want to do.`,
    `- **Snippets**: text you reuse (a signature, a disclosure) with fill-in {{variables}}; insert one with ${mod}+Shift+S.`,
    '- **Focus mode**: hide everything but the page (palette: “Focus mode”; Esc leaves it).',
    `- **Find**: ${mod}+F finds in the draft, or in all drafts from the list.`,
    '',
    'Happy writing.',
    '',
  ].join('\n');
}

/** A path as inline code, safe whatever backticks it holds. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
