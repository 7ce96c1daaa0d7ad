/**
 * Which static site generator a folder belongs to, where it keeps posts, pages and images, and
 * the site's public address, read from the generator's own config file.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

import { PublishError } from '../http/PublishError';
import { fsError } from './fsErrors';
import { t } from '../../contract/i18n';

export type SiteGenerator = 'hugo' | 'jekyll' | 'eleventy';

export const GENERATOR_NAMES: Readonly<Record<SiteGenerator, string>> = {
  hugo: 'Hugo',
  jekyll: 'Jekyll',
  eleventy: 'Eleventy',
};

const HUGO_CONFIGS = [
  'hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json',
  'config/_default/hugo.toml', 'config/_default/hugo.yaml', 'config/_default/config.toml', 'config/_default/config.yaml',
]; // prettier-ignore
const JEKYLL_CONFIGS = ['_config.yml', '_config.yaml', '_config.toml'];
const ELEVENTY_CONFIGS = [
  'eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs', 'eleventy.config.ts',
  '.eleventy.js', '.eleventy.cjs', '.eleventy.mjs',
]; // prettier-ignore
const ELEVENTY_DATA = [
  '_data/site.json',
  '_data/metadata.json',
  'src/_data/site.json',
  'src/_data/metadata.json',
];

/** Where one generator keeps things, relative to the site folder (POSIX separators). */
export interface SiteLayout {
  generator: SiteGenerator;
  /** Absolute path of the site folder. */
  folder: string;
  postsDir: string;
  pagesDir: string;
  /** Jekyll's `_drafts`: unpublished posts live there. Others mark a draft in its front matter. */
  draftsDir: string | null;
  /** The folder copied as-is to the site's root (`static` for Hugo, `` otherwise). */
  staticDir: string;
  imagesDir: string;
  /** The site's public address with a trailing slash (`https://example.com/blog/`), or null. */
  baseUrl: string | null;
  title: string | null;
  timeZone: string | null;
  /** Jekyll's `permalink` setting (`date`, `pretty`, …). */
  permalinkStyle: string | null;
}

export interface SiteConfig {
  file: string | null;
  data: Record<string, unknown>;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fsp.stat(file);
    return true;
  } catch {
    return false;
  }
}

async function firstExisting(folder: string, names: string[]): Promise<string | null> {
  for (const name of names) if (await exists(path.join(folder, name))) return name;
  return null;
}

/**
 * The generator of the site in `folder`: Hugo (hugo.toml, config.toml…), Jekyll (_config.yml) or
 * Eleventy (eleventy.config.*, .eleventy.js); an empty folder is a new Hugo site. A folder that is
 * none of these is refused with a sentence (the author can name the generator instead).
 */
export async function detectGenerator(folder: string): Promise<SiteGenerator> {
  await assertFolder(folder);
  if ((await firstExisting(folder, HUGO_CONFIGS)) !== null) return 'hugo';
  if ((await firstExisting(folder, JEKYLL_CONFIGS)) !== null) return 'jekyll';
  if ((await firstExisting(folder, ELEVENTY_CONFIGS)) !== null) return 'eleventy';
  const entries = (await fsp.readdir(folder)).filter((name) => !name.startsWith('.'));
  if (entries.length === 0 || (await exists(path.join(folder, 'content')))) return 'hugo';
  throw new PublishError('VALIDATION', t('error.staticSite.unknownGenerator', { folder }), {
    reason: 'unknown-generator',
  });
}

/** The folder must exist and be a folder. */
export async function assertFolder(folder: string): Promise<void> {
  let stat;
  try {
    stat = await fsp.stat(folder);
  } catch (error) {
    throw fsError(error, folder);
  }
  if (!stat.isDirectory()) {
    throw new PublishError('VALIDATION', t('error.staticSite.notAFolder', { folder }), {
      reason: 'not-a-folder',
    });
  }
}

/** The generator's config file, parsed (YAML, TOML or JSON); `{}` when there is none. */
export async function readSiteConfig(folder: string, generator: SiteGenerator): Promise<SiteConfig> {
  const names = generator === 'hugo' ? HUGO_CONFIGS : generator === 'jekyll' ? JEKYLL_CONFIGS : ELEVENTY_DATA;
  const name = await firstExisting(folder, names);
  if (name === null) return { file: null, data: {} };
  const file = path.join(folder, name);
  const text = await fsp.readFile(file, 'utf8');
  try {
    const parsed: unknown = name.endsWith('.toml')
      ? parseToml(text)
      : name.endsWith('.json')
        ? JSON.parse(text)
        : parseYaml(text);
    return {
      file,
      data: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {},
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PublishError('VALIDATION', t('error.staticSite.badConfig', { name, detail }), {
      reason: 'bad-site-config',
      cause: error,
    });
  }
}

/** A config value by key, ignoring case (Hugo's keys are case-insensitive). */
function configValue(data: Record<string, unknown>, key: string): unknown {
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(data)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

function configString(data: Record<string, unknown>, key: string): string | null {
  const value = configValue(data, key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function withSlash(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  } catch {
    return null;
  }
}

function relativeDir(value: string | null, fallback: string): string {
  if (value === null) return fallback;
  const clean = value.replace(/\\/g, '/').replace(/^\.?\/+|\/+$/g, '');
  // A config that points outside the site is not followed.
  return clean === '' || clean.split('/').includes('..') || path.isAbsolute(value) ? fallback : clean;
}

/** The layout of the site in `folder` for `generator` (detected when not given). */
export async function readSiteLayout(folder: string, generator?: SiteGenerator): Promise<SiteLayout> {
  const absolute = path.resolve(folder);
  const kind = generator ?? (await detectGenerator(absolute));
  await assertFolder(absolute);
  const { data } = await readSiteConfig(absolute, kind);
  const title = configString(data, 'title');
  if (kind === 'hugo') {
    const contentDir = relativeDir(configString(data, 'contentDir'), 'content');
    const staticDir = relativeDir(configString(data, 'staticDir'), 'static');
    const baseUrl = configString(data, 'baseURL');
    return {
      generator: kind,
      folder: absolute,
      postsDir: `${contentDir}/posts`,
      pagesDir: contentDir,
      draftsDir: null,
      staticDir,
      imagesDir: `${staticDir}/images`,
      baseUrl: baseUrl === null ? null : withSlash(baseUrl),
      title,
      timeZone: configString(data, 'timeZone'),
      permalinkStyle: null,
    };
  }
  if (kind === 'jekyll') {
    const url = configString(data, 'url');
    const baseurl = configString(data, 'baseurl') ?? '';
    const source = relativeDir(configString(data, 'source'), '');
    const prefix = source === '' ? '' : `${source}/`;
    return {
      generator: kind,
      folder: absolute,
      postsDir: `${prefix}_posts`,
      pagesDir: source,
      draftsDir: `${prefix}_drafts`,
      staticDir: source,
      imagesDir: `${prefix}assets/images`,
      baseUrl: url === null ? null : withSlash(`${url.replace(/\/+$/, '')}/${baseurl.replace(/^\/+/, '')}`),
      title,
      timeZone: configString(data, 'timezone'),
      permalinkStyle: configString(data, 'permalink'),
    };
  }
  const input =
    (await exists(path.join(absolute, 'src'))) && !(await exists(path.join(absolute, 'posts'))) ? 'src' : '';
  const prefix = input === '' ? '' : `${input}/`;
  const url = configString(data, 'url');
  return {
    generator: kind,
    folder: absolute,
    postsDir: `${prefix}posts`,
    pagesDir: input,
    draftsDir: null,
    staticDir: input,
    imagesDir: `${prefix}images`,
    baseUrl: url === null ? null : withSlash(url),
    title,
    timeZone: null,
    permalinkStyle: null,
  };
}

/** `Hello, World!` → `hello-world`: what static sites put in file names and URLs. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80)
      .replace(/-+$/, '') || 'post'
  );
}
