/**
 * A static site folder (Hugo, Jekyll, Eleventy) as one platform of the registry. Connecting is
 * choosing a folder: no secret (the vault holds ''). A new user's first destination is the
 * Hugo-layout site Signet prepares inside its data folder (`prepareDefaultSite`).
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

import type { PlatformDefinition, PendingConnection } from '../platform';
import { PublishError } from '../http/PublishError';
import { fsError } from './fsErrors';
import { readSiteLayout, GENERATOR_NAMES } from './siteLayout';
import { STATIC_SITE_CAPABILITIES, StaticSitePublisher, folderUrl } from './StaticSitePublisher';
import { t } from '../../contract/i18n';

export const staticSitePlatform: PlatformDefinition = {
  id: 'static-site',
  /** In the author's language, read when shown. */
  get name() {
    return t('publishing.platform.staticSite');
  },
  connect: 'folder',
  capabilities: STATIC_SITE_CAPABILITIES,
  body: () => ({ format: 'markdown', readMore: 'wordpress', embeds: 'link' }),

  async signIn(input, deps): Promise<PendingConnection> {
    if (input.kind !== 'folder') {
      throw new PublishError('VALIDATION', t('error.staticSite.wrongConnect'));
    }
    const folder = input.folder.trim();
    if (folder === '' || !path.isAbsolute(folder)) {
      throw new PublishError('VALIDATION', t('error.staticSite.needFullPath'));
    }
    const layout = await readSiteLayout(folder, input.generator);
    const publisher = new StaticSitePublisher({ layout, clock: deps.clock });
    const identity = await publisher.verify();
    const siteUrl = layout.baseUrl ?? folderUrl(layout.folder);
    const siteName = layout.title ?? `${path.basename(layout.folder)} (${GENERATOR_NAMES[layout.generator]})`;
    return {
      siteUrl,
      siteName,
      userLogin: identity.userLogin,
      userName: identity.userName,
      secret: '',
      blogs: [
        {
          blogId: 'site',
          name: siteName,
          url: siteUrl,
          account: {
            platform: 'static-site',
            siteUrl,
            siteName,
            userLogin: identity.userLogin,
            userName: identity.userName,
            api: { transport: 'folder', folder: layout.folder, generator: layout.generator },
            timeZone: identity.timeZone,
            capabilities: STATIC_SITE_CAPABILITIES,
            // Markdown has no block/classic choice; images are copied, so the limit is generous.
            settings: { contentFormat: 'classic' },
          },
        },
      ],
    };
  },

  async createPublisher(account, _secret, deps) {
    const folder = account.api.folder;
    if (folder === undefined) {
      throw new PublishError('VALIDATION', t('error.staticSite.noFolder', { name: account.siteName }));
    }
    const layout = await readSiteLayout(folder, account.api.generator);
    return new StaticSitePublisher({ layout, clock: deps.clock });
  },
};

/** Where Signet's own site lives: `<data>/site`. */
export function defaultSiteFolder(dataDir: string): string {
  return path.join(dataDir, 'site');
}

const DEFAULT_HUGO_CONFIG = `# A Hugo site prepared by Signet. Build it with \`hugo\` in this folder (https://gohugo.io).
baseURL = '/'
title = 'My Signet site'
languageCode = 'en'

# Signet writes underline, tables and the like as HTML inside Markdown.
[markup.goldmark.renderer]
  unsafe = true
`;

/**
 * Prepares the default destination: an empty Hugo-layout site (hugo.toml, content/posts,
 * static/images) in the data folder. Leaves an existing site as it is. Returns its folder.
 */
export async function prepareDefaultSite(dataDir: string): Promise<string> {
  return prepareSiteFolder(defaultSiteFolder(dataDir));
}

/** The same empty Hugo-layout site in any folder (the first run's `Signet Site`). */
export async function prepareSiteFolder(folder: string): Promise<string> {
  try {
    await fsp.mkdir(path.join(folder, 'content', 'posts'), { recursive: true });
    await fsp.mkdir(path.join(folder, 'static', 'images'), { recursive: true });
    await fsp
      .writeFile(path.join(folder, 'hugo.toml'), DEFAULT_HUGO_CONFIG, { flag: 'wx' })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      });
  } catch (error) {
    throw fsError(error, folder);
  }
  return folder;
}
