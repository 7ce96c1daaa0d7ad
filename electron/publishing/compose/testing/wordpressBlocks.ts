import * as fs from 'node:fs';

import { chromium, type Browser, type Page } from '@playwright/test';

/**
 * WordPress's own block parser and validator, run in Chromium with the scripts of the test
 * WordPress (the block editor's `wp.blocks.parse` marks a block invalid when its `save()` would not
 * write the stored markup back: what an author sees as "This block contains unexpected or invalid
 * content"). No login is needed: the scripts are static files under /wp-includes/js/dist.
 */

/**
 * The scripts `wp-block-library` needs, dependencies first: WordPress 6.1's
 * wp-includes/assets/script-loader-packages.php (package dependencies) and script-loader.php
 * (vendor scripts), sorted topologically.
 */
const SCRIPT_HANDLES = [
  'lodash', 'regenerator-runtime', 'wp-polyfill', 'wp-dom-ready', 'wp-hooks', 'wp-i18n', 'wp-a11y', 'wp-url',
  'wp-api-fetch', 'wp-autop', 'wp-blob', 'react', 'react-dom', 'wp-block-serialization-default-parser',
  'wp-deprecated', 'wp-dom', 'wp-escape-html', 'wp-element', 'wp-is-shallow-equal', 'wp-keycodes',
  'wp-priority-queue', 'wp-compose', 'wp-redux-routine', 'wp-data', 'wp-html-entities', 'wp-shortcode',
  'wp-blocks', 'moment', 'wp-date', 'wp-primitives', 'wp-rich-text', 'wp-warning', 'wp-components',
  'wp-keyboard-shortcuts', 'wp-notices', 'wp-style-engine', 'wp-token-list', 'wp-wordcount', 'wp-block-editor',
  'wp-core-data', 'wp-reusable-blocks', 'wp-server-side-render', 'wp-viewport', 'wp-block-library',
]; // prettier-ignore

const VENDOR = new Set(['lodash', 'regenerator-runtime', 'wp-polyfill', 'react', 'react-dom', 'moment']);

export const CHROMIUM = '/usr/bin/chromium';

export interface ParsedBlock {
  name: string;
  isValid: boolean;
  issues: string[];
}

export interface BlockValidator {
  /** Every block, inner blocks after their parent, and WordPress's own serialization of them. */
  parse(markup: string): Promise<{ blocks: ParsedBlock[]; reserialized: string }>;
  close(): Promise<void>;
}

/** Why the validator cannot run here, or null. */
export function validatorUnavailable(): string | null {
  return fs.existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
}

export async function openBlockValidator(wordpressUrl: string): Promise<BlockValidator> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page: Page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // An empty page on the blog's origin; its scripts are loaded one by one below.
    const blank = `${wordpressUrl}/__signet_block_validator__`;
    await page.route(blank, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><meta charset="utf-8"><title>v</title>',
      }),
    );
    await page.goto(blank);
    for (const handle of SCRIPT_HANDLES) {
      const file = VENDOR.has(handle) ? `vendor/${handle}` : handle.slice('wp-'.length);
      await page.addScriptTag({ url: `${wordpressUrl}/wp-includes/js/dist/${file}.min.js` });
      if (handle === 'lodash') await page.addScriptTag({ content: 'window.lodash = _.noConflict();' });
    }
    await page.evaluate('window.wp.blockLibrary.registerCoreBlocks()');
    if (pageErrors.length > 0) throw new Error(`WordPress scripts failed: ${pageErrors.join('; ')}`);
    return {
      async parse(markup) {
        // A string, not a function: vitest's transform would add helpers the page does not have.
        return (await page.evaluate(`(() => {
          const flat = (blocks) => blocks.flatMap((block) => [
            {
              name: block.name,
              isValid: block.isValid,
              issues: (block.validationIssues || []).map((issue) => JSON.stringify(issue.args)),
            },
            ...flat(block.innerBlocks),
          ]);
          const blocks = window.wp.blocks.parse(${JSON.stringify(markup)});
          return { blocks: flat(blocks), reserialized: window.wp.blocks.serialize(blocks) };
        })()`)) as { blocks: ParsedBlock[]; reserialized: string };
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
