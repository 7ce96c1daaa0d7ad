/**
 * Drafts in and out of Signet as Markdown files: `exportDraftMarkdown` writes `<name>.md` with
 * front matter and copies the draft's images into `<name>-images/` beside it (relative links), so
 * the file opens in any Markdown editor or static site; `readMarkdownForImport` reads such a file
 * (or Hugo's, Jekyll's, Eleventy's, Obsidian's) back, and `importMarkdownDraft` makes it a draft.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

import type { Draft, DraftMeta, EditorStateJSON } from '../contract';
import {
  composeMarkdown,
  importMarkdown,
  splitFrontMatter,
  writeFrontMatter,
} from '../publishing/compose/markdown';
import type { ComposeWarning } from '../publishing/compose/types';
import { imageMimeType } from './assets';
import { errorCode, writeFileAtomic } from './atomicFile';
import { nodeFs, type FsPort } from './fsPort';
import { writeProblem, writeRemedy } from './messages';
import type { DraftStoreApi } from './types';
import { t } from '../contract/i18n';

export interface ExportMarkdownOptions {
  /** Written as `draft: true|false` in the front matter; default true (not yet published). */
  isDraft?: boolean;
  fs?: FsPort;
}

export interface ExportMarkdownResult {
  file: string;
  /** The folder the images were copied to, or null when the draft has none. */
  imagesDir: string | null;
  /** Asset file names copied. */
  images: string[];
  warnings: ComposeWarning[];
}

/** Writes a draft as a Markdown file with front matter and its images beside it. */
export async function exportDraftMarkdown(
  draft: Pick<Draft, 'title' | 'createdAt' | 'updatedAt' | 'editorState' | 'meta'>,
  assetsDir: string,
  targetFile: string,
  options: ExportMarkdownOptions = {},
): Promise<ExportMarkdownResult> {
  const fs = options.fs ?? nodeFs;
  const file = path.resolve(targetFile);
  const dir = path.dirname(file);
  const name = path.basename(file, path.extname(file));
  const imagesFolderName = `${name}-images`;
  const imagesDir = path.join(dir, imagesFolderName);
  const assets = new Set(await fs.readdir(assetsDir).catch(() => [] as string[]));
  const link = (fileName: string) => `${encodeURI(imagesFolderName)}/${encodeURIComponent(fileName)}`;

  const composed = draft.editorState
    ? composeMarkdown(draft.editorState, {
        images: (fileName) => (assets.has(fileName) ? { url: link(fileName) } : null),
        readMore: 'wordpress',
      })
    : { markdown: '', warnings: [], images: [] };
  const copied = new Set<string>();
  for (const image of composed.images) {
    if (image.fileName !== undefined && assets.has(image.fileName)) copied.add(image.fileName);
  }
  const featured = draft.meta.featuredImage;
  if (featured !== undefined && assets.has(featured)) copied.add(featured);

  const meta = draft.meta;
  const frontMatter: Record<string, unknown> = {
    title: draft.title,
    date: meta.scheduledAt ?? draft.createdAt,
    lastmod: draft.updatedAt,
    draft: options.isDraft ?? true,
    slug: nonEmpty(meta.slug),
    summary: nonEmpty(meta.excerpt),
    tags: meta.tags && meta.tags.length > 0 ? meta.tags : undefined,
    categories: meta.categories && meta.categories.length > 0 ? meta.categories : undefined,
    image: featured !== undefined && copied.has(featured) ? link(featured) : undefined,
  };
  try {
    await fs.mkdir(dir, { recursive: true });
    if (copied.size > 0) {
      await fs.mkdir(imagesDir, { recursive: true });
      for (const fileName of copied) {
        await fs.copyFile(path.join(assetsDir, fileName), path.join(imagesDir, fileName));
      }
    }
    await writeFileAtomic(fs, file, writeFrontMatter(frontMatter, composed.markdown));
  } catch (error) {
    throw new Error(
      t('error.markdown.exportFailed', {
        file,
        problem: writeProblem(error, dir),
        remedy: writeRemedy(error),
      }),
      {
        cause: error,
      },
    );
  }
  return {
    file,
    imagesDir: copied.size > 0 ? imagesDir : null,
    images: [...copied],
    warnings: composed.warnings,
  };
}

export interface MarkdownImport {
  title: string;
  editorState: EditorStateJSON;
  meta: DraftMeta;
  /** Images the file links to by a relative path that exist: copy each in as an asset named `fileName`. */
  images: Array<{ sourcePath: string; fileName: string }>;
  /** What the author should know: images that were not found, front matter ignored. */
  warnings: string[];
}

/** Reads a Markdown file (front matter in YAML or TOML, or none) for a new draft. */
export async function readMarkdownForImport(file: string): Promise<MarkdownImport> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    throw new Error(
      code === 'ENOENT'
        ? t('error.markdown.importGone', { file })
        : code === 'EACCES' || code === 'EPERM'
          ? t('error.markdown.importNoPermission', { file })
          : t('error.markdown.importUnreadable', { file, code: code ?? t('error.markdown.unknownError') }),
      { cause: error },
    );
  }
  const { data, body } = splitFrontMatter(text);
  const warnings: string[] = [];
  let markdown = body;
  let title = stringOf(data.title);
  if (title === undefined) {
    // Many Markdown files carry their title as the first line: `# Title`.
    const heading = /^#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(markdown);
    if (heading) {
      title = heading[1]!.trim();
      markdown = markdown.slice(heading[0].length);
    }
  }
  title ??= path.basename(file, path.extname(file));

  const { editorState, images: refs } = importMarkdown(markdown);
  const dir = path.dirname(file);
  const images: MarkdownImport['images'] = [];
  const missing = new Set<string>();
  for (const ref of refs) {
    const sourcePath = await findImage(dir, ref.reference);
    if (sourcePath === null) missing.add(ref.fileName);
    else images.push({ sourcePath, fileName: ref.fileName });
  }
  if (missing.size > 0) {
    removeImages(editorState, missing);
    warnings.push(t('error.markdown.imagesMissing', { count: missing.size, files: [...missing].join(', ') }));
  }

  const meta: DraftMeta = {};
  const tags = listOf(data.tags ?? data.keywords);
  if (tags.length > 0) meta.tags = tags;
  const categories = listOf(data.categories ?? data.category);
  if (categories.length > 0) meta.categories = categories;
  const excerpt = stringOf(data.summary) ?? stringOf(data.description) ?? stringOf(data.excerpt);
  if (excerpt !== undefined) meta.excerpt = excerpt;
  const slug = stringOf(data.slug);
  if (slug !== undefined) meta.slug = slug;
  const date = stringOf(data.date);
  if (date !== undefined && Number.isFinite(Date.parse(date)) && Date.parse(date) > Date.now()) {
    meta.scheduledAt = new Date(Date.parse(date)).toISOString();
  }
  const cover = stringOf(data.image) ?? stringOf(data.cover) ?? stringOf(data.featured_image);
  if (cover !== undefined && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(cover)) {
    const sourcePath = await findImage(dir, decodeSafely(cover));
    if (sourcePath !== null) {
      const existing = images.find((image) => image.sourcePath === sourcePath);
      const fileName = existing?.fileName ?? uniqueAmong(path.basename(sourcePath), images);
      if (existing === undefined) images.push({ sourcePath, fileName });
      meta.featuredImage = fileName;
    }
  }
  return { title, editorState, meta, images, warnings };
}

/**
 * Imports a Markdown file as a new draft in `store`: the draft, then its images as assets (the
 * image nodes are renamed if the store had to rename a file). Returns the draft and warnings.
 */
export async function importMarkdownDraft(
  store: Pick<DraftStoreApi, 'create' | 'addAsset' | 'save' | 'get'>,
  file: string,
): Promise<{ draft: Draft; warnings: string[] }> {
  const read = await readMarkdownForImport(file);
  const draft = await store.create({ title: read.title, editorState: read.editorState, meta: read.meta });
  const renamed = new Map<string, string>();
  for (const image of read.images) {
    const bytes = await fsp.readFile(image.sourcePath);
    const stored = await store.addAsset(draft.id, image.fileName, bytes);
    if (stored !== image.fileName) renamed.set(image.fileName, stored);
  }
  if (renamed.size > 0) {
    const editorState = structuredClone(read.editorState);
    renameImages(editorState, renamed);
    const meta = { ...read.meta };
    if (meta.featuredImage !== undefined)
      meta.featuredImage = renamed.get(meta.featuredImage) ?? meta.featuredImage;
    await store.save({ id: draft.id, title: read.title, editorState, meta, baseUpdatedAt: draft.updatedAt });
  }
  return { draft: await store.get(draft.id), warnings: read.warnings };
}

async function findImage(dir: string, reference: string): Promise<string | null> {
  const clean = reference.replace(/[?#].*$/, '');
  // `/images/x.png` in a site: relative to the file, or to a `static/` folder above it (Hugo).
  const candidates = clean.startsWith('/')
    ? [
        path.join(dir, clean),
        ...ancestors(dir).map((folder) => path.join(folder, 'static', clean)),
        ...ancestors(dir).map((folder) => path.join(folder, clean)),
      ]
    : [path.resolve(dir, clean)];
  for (const candidate of candidates) {
    if (imageMimeType(candidate) === null) continue;
    try {
      if ((await fsp.stat(candidate)).isFile()) return candidate;
    } catch {
      // Not here: try the next place.
    }
  }
  return null;
}

function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let current = dir; out.length < 6;) {
    out.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return out;
}

type JsonNode = { type?: unknown; fileName?: unknown; children?: unknown };

function walkNodes(state: EditorStateJSON, visit: (node: JsonNode, parent: JsonNode[]) => void): void {
  const stack: JsonNode[] = [state.root as JsonNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node.children)) {
      const children = node.children as JsonNode[];
      for (const child of [...children]) visit(child, children);
      stack.push(...children);
    }
  }
}

function removeImages(state: EditorStateJSON, fileNames: Set<string>): void {
  walkNodes(state, (node, siblings) => {
    if (node.type === 'image' && typeof node.fileName === 'string' && fileNames.has(node.fileName)) {
      siblings.splice(siblings.indexOf(node), 1);
    }
  });
}

function renameImages(state: EditorStateJSON, renamed: Map<string, string>): void {
  walkNodes(state, (node) => {
    if (node.type === 'image' && typeof node.fileName === 'string' && renamed.has(node.fileName)) {
      node.fileName = renamed.get(node.fileName);
    }
  });
}

function uniqueAmong(name: string, images: Array<{ fileName: string }>): string {
  const taken = new Set(images.map((image) => image.fileName.toLowerCase()));
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
  return candidate;
}

function decodeSafely(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Tags as a YAML list, or as one string (`"a, b"`, or Jekyll's space-separated `"a b"`). */
function listOf(value: unknown): string[] {
  const items = Array.isArray(value)
    ? value.map((item) => stringOf(item)).filter((item): item is string => item !== undefined)
    : typeof value === 'string'
      ? value.split(value.includes(',') ? ',' : /\s+/)
      : [];
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))];
}
