/**
 * Publishing benchmark: a post with 5 images (~200 kB each) published to the real WordPress on
 * 127.0.0.1 through Signet's PublishingService, against the minimum raw requests that do the same
 * from a plain script (5 × POST /wp/v2/media with the bytes, 1 × POST /wp/v2/posts referencing
 * them). Runs alternate Signet, raw, Signet, raw… so both see the machine in the same state; every
 * post and image created is deleted (force) afterwards. No WordPress → a skip reason, not an error
 * (unless SIGNET_REQUIRE_SERVERS=1, where wordpressOrSkip throws).
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import Conf from 'conf';
import { Jimp, JimpMime } from 'jimp';
import { wordpressOrSkip, type WordPressServer } from '../../e2e/servers/wordpress';
import { FileKeyVault } from '../../electron/accounts/fileKeyVault';
import type { EventMap, EventName, PublishOptions } from '../../electron/contract';
import { DraftStore } from '../../electron/drafts/DraftStore';
import { paragraphs, silentLog } from '../../electron/drafts/testing/helpers';
import type { SettingsData } from '../../electron/ports';
import { PublishingService } from '../../electron/publishing/PublishingService';
import { scaleImageToWidth } from '../../electron/publishing/media/scaleImage';
import {
  settingsPortFrom,
  settingsStoreOptions,
  type KeyValueStore,
} from '../../electron/settings/settingsOptions';

export interface PublishBenchOptions {
  quick: boolean;
  /** Measured Signet/raw pairs (default 10, quick 2); one more unmeasured pair warms up first. */
  runs?: number;
}

export type PublishBenchResult =
  | { skipReason: string }
  | {
      skipReason?: undefined;
      /** Wall time of `PublishingService.publish` for a new draft with the images, one per run. */
      signetMs: number[];
      /** Wall time of the 5 uploads + 1 create done with plain fetch, one per run. */
      rawMs: number[];
      /** The unmeasured first Signet publish (starts the image worker, warms the JIT). */
      signetWarmupMs: number;
      /** One Signet publish with the account's max width below the images' widths (information). */
      signetScaledMs: number;
      /**
       * The scaling check alone (information): `scaleImageToWidth` on the 5 images one after
       * another at the account's max width, which sends each through the image worker unscaled.
       */
      scaleCheckMs: number;
      /** Sizes of the images uploaded (bytes), in order. */
      imageBytes: number[];
      /** One sentence each: what exactly is measured and how. */
      notes: string[];
    };

interface BenchImage {
  fileName: string;
  mimeType: 'image/png' | 'image/jpeg';
  bytes: Uint8Array<ArrayBuffer>;
  width: number;
  altText: string;
}

const IMAGE_COUNT = 5;
/** Below every image's width: the scaled run re-encodes all five. */
const SCALED_MAX_WIDTH = 480;
const BODY_TEXT = [
  'A short walk through the harbour before the ferries start.',
  'The light changes quickly here, so the pictures follow one another.',
  'More from the same morning below.',
];

function seededRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Photo-like images (gradients, a wave, a little noise) of about 200 kB: JPEG 1200×800 at quality
 * 85 and PNG 560×360, alternating, all narrower than WordPress accounts' default 2,048 px limit.
 */
async function makeImages(): Promise<BenchImage[]> {
  const images: BenchImage[] = [];
  for (let n = 0; n < IMAGE_COUNT; n++) {
    const isPng = n % 2 === 1;
    const [width, height, noise] = isPng ? [560, 360, 2] : [1200, 800, 18];
    const image = new Jimp({ width, height, color: 0xffffffff });
    const rng = seededRng(n + 1);
    const data = image.bitmap.data;
    const clamp = (v: number) => Math.max(0, Math.min(255, v));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const jitter = (rng() - 0.5) * noise;
        data[i] = clamp((x * 255) / width + jitter + n * 20);
        data[i + 1] = clamp((y * 255) / height + jitter);
        data[i + 2] = clamp(128 + 60 * Math.sin((x + y + n * 30) / 40) + jitter);
        data[i + 3] = 255;
      }
    }
    const buffer = isPng
      ? await image.getBuffer(JimpMime.png)
      : await image.getBuffer(JimpMime.jpeg, { quality: 85 });
    images.push({
      fileName: `harbour-${n + 1}.${isPng ? 'png' : 'jpg'}`,
      mimeType: isPng ? 'image/png' : 'image/jpeg',
      bytes: new Uint8Array(buffer),
      width,
      altText: `Harbour picture ${n + 1}`,
    });
  }
  return images;
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

interface Created {
  posts: number[];
  media: number[];
}

/**
 * The raw side: exactly the requests a script needs, in the same order Signet sends them (uploads
 * one after another, then the post), with the same alt text and title in the upload's query.
 */
async function rawPublish(server: WordPressServer, images: BenchImage[], title: string, created: Created) {
  const auth = basicAuth(server.user, server.appPassword);
  const blocks: string[] = [`<!-- wp:paragraph --><p>${BODY_TEXT[0]}</p><!-- /wp:paragraph -->`];
  for (const [i, image] of images.entries()) {
    const query = new URLSearchParams({
      alt_text: image.altText,
      title: image.fileName.replace(/\.\w+$/, ''),
    });
    const res = await fetch(`${server.url}/wp-json/wp/v2/media?${query}`, {
      method: 'POST',
      headers: {
        authorization: auth,
        'content-type': image.mimeType,
        'content-disposition': `attachment; filename="${image.fileName}"`,
      },
      body: image.bytes,
    });
    const text = await res.text();
    if (res.status !== 201)
      throw new Error(`Raw upload ${i + 1} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    const media = JSON.parse(text) as { id: number; source_url: string };
    created.media.push(media.id);
    blocks.push(
      `<!-- wp:image {"id":${media.id},"sizeSlug":"full"} --><figure class="wp-block-image size-full">` +
        `<img src="${media.source_url}" alt="${image.altText}" class="wp-image-${media.id}"/></figure><!-- /wp:image -->`,
    );
    if (i === 1) blocks.push(`<!-- wp:paragraph --><p>${BODY_TEXT[1]}</p><!-- /wp:paragraph -->`);
  }
  blocks.push(`<!-- wp:paragraph --><p>${BODY_TEXT[2]}</p><!-- /wp:paragraph -->`);
  const res = await fetch(`${server.url}/wp-json/wp/v2/posts`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ title, content: blocks.join('\n'), status: 'publish' }),
  });
  const text = await res.text();
  if (res.status !== 201)
    throw new Error(`Raw post create answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  created.posts.push((JSON.parse(text) as { id: number }).id);
}

/** Signet's side: a PublishingService over a temp data folder, signed in to the test blog once. */
async function signetSide(server: WordPressServer, tempDir: string) {
  // The vault's key lives outside the data folder, as in the app.
  const dir = path.join(tempDir, 'data');
  await fsp.mkdir(dir);
  const drafts = await DraftStore.open({ dir: path.join(dir, 'drafts'), watch: false, log: silentLog });
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir: dir, appVersion: '0.1.0' }));
  const service = new PublishingService({
    drafts,
    dataDir: dir,
    settings: settingsPortFrom(conf as unknown as KeyValueStore),
    vault: new FileKeyVault({ dataDir: dir, keyFile: path.join(tempDir, 'vault.key') }),
    fetch: globalThis.fetch,
    authCallbackUrl: 'http://127.0.0.1:1/__signet/wp-auth/callback',
    assetBaseUrl: 'http://127.0.0.1:1/__signet/assets/',
    openExternal: async () => {},
    emit<E extends EventName>(_event: E, _payload: EventMap[E]) {},
    log: silentLog,
  });
  const signIn = await service.signIn(server.url, server.user, server.appPassword);
  const [account] = await service.addAccounts(signIn.sessionId, [signIn.blogs[0]!.blogId]);
  const accountId = account!.id;
  const maxWidth = (await service.listAccounts())[0]!.settings.maxImageWidth;
  const options: PublishOptions = {
    accountId,
    postType: 'post',
    status: 'publish',
    tags: [],
    categories: [],
  };

  /** A new draft holding the images (not timed); `publish` publishes it (timed by the caller). */
  async function prepare(images: BenchImage[], title: string): Promise<string> {
    const draft = await drafts.create({ title });
    const state = paragraphs(BODY_TEXT[0]!);
    const children = state.root.children as unknown[];
    for (const [i, image] of images.entries()) {
      // addAsset may move the buffer; hand it a copy so the raw side keeps its bytes.
      const fileName = await drafts.addAsset(draft.id, image.fileName, image.bytes.slice());
      children.push({ type: 'image', version: 1, fileName, altText: image.altText, caption: '' });
      if (i === 1) children.push(...(paragraphs(BODY_TEXT[1]!).root.children as unknown[]));
    }
    children.push(...(paragraphs(BODY_TEXT[2]!).root.children as unknown[]));
    await drafts.save({ id: draft.id, title, editorState: state });
    return draft.id;
  }

  async function publish(draftId: string, created: Created): Promise<void> {
    const outcome = await service.publish(draftId, options, 'ask');
    if (outcome.kind !== 'published') throw new Error(`Signet's publish ended as “${outcome.kind}”`);
    created.posts.push(Number(outcome.remoteId));
    const dest = Object.values((await drafts.get(draftId)).destinations)[0];
    const media = Object.values(dest?.media ?? {});
    created.media.push(...media.map((m) => Number(m.remoteId)));
    if (media.length !== IMAGE_COUNT)
      throw new Error(`Signet uploaded ${media.length} of ${IMAGE_COUNT} images`);
  }

  return {
    maxWidth,
    prepare,
    publish,
    setMaxWidth: (width: number) => service.updateAccountSettings(accountId, { maxImageWidth: width }),
    close: () => drafts.close(),
  };
}

async function removeCreated(server: WordPressServer, created: Created): Promise<void> {
  const del = (route: string) => server.restJson(`${route}?force=true`, { method: 'DELETE' });
  for (const id of created.posts.splice(0)) await del(`/wp/v2/posts/${id}`);
  for (const id of created.media.splice(0)) await del(`/wp/v2/media/${id}`);
}

/** Checks what the raw side created is the same kind of post Signet made: published, 5 images. */
async function checkPost(server: WordPressServer, postId: number, what: string): Promise<void> {
  const post = await server.restJson<{ status: string; content: { raw: string } }>(
    `/wp/v2/posts/${postId}?context=edit`,
  );
  const images = post.content.raw.match(/wp-image-\d+/g) ?? [];
  if (post.status !== 'publish' || images.length !== IMAGE_COUNT) {
    throw new Error(`${what}'s post is ${post.status} with ${images.length} of ${IMAGE_COUNT} images`);
  }
}

const time = async (run: () => Promise<void>): Promise<number> => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

export async function benchPublish(options: PublishBenchOptions): Promise<PublishBenchResult> {
  const wp = await wordpressOrSkip();
  if (!wp.server) return { skipReason: wp.skipReason };
  const server = wp.server;
  const runs = options.runs ?? (options.quick ? 2 : 10);
  const images = await makeImages();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-bench-publish-'));
  const created: Created = { posts: [], media: [] };
  const stamp = new Date().toISOString();
  let signet: Awaited<ReturnType<typeof signetSide>> | null = null;
  try {
    signet = await signetSide(server, dir);
    if (images.some((image) => image.width > signet!.maxWidth))
      throw new Error(`The account's max image width ${signet.maxWidth} is below the images' widths`);
    const s = signet;
    const pair = async (n: number | string) => {
      const draftId = await s.prepare(images, `Benchmark ${stamp} Signet ${n}`);
      const signetMs = await time(() => s.publish(draftId, created));
      await checkPost(server, created.posts.at(-1)!, 'Signet');
      const rawMs = await time(() => rawPublish(server, images, `Benchmark ${stamp} raw ${n}`, created));
      await checkPost(server, created.posts.at(-1)!, 'The raw script');
      // The library stays the same size from run to run.
      await removeCreated(server, created);
      return { signetMs, rawMs };
    };
    const warmup = await pair('warm-up');
    const signetMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const r = await pair(i);
      signetMs.push(r.signetMs);
      rawMs.push(r.rawMs);
    }
    const scaleCheckMs = await time(async () => {
      for (const image of images) await scaleImageToWidth(image.bytes.slice(), image.mimeType, s.maxWidth);
    });
    await s.setMaxWidth(SCALED_MAX_WIDTH);
    const scaledDraft = await s.prepare(images, `Benchmark ${stamp} Signet scaled`);
    const signetScaledMs = await time(() => s.publish(scaledDraft, created));
    await removeCreated(server, created);

    const kB = images.map((i) => Math.round(i.bytes.byteLength / 1000));
    return {
      signetMs,
      rawMs,
      signetWarmupMs: warmup.signetMs,
      signetScaledMs,
      scaleCheckMs,
      imageBytes: images.map((i) => i.bytes.byteLength),
      notes: [
        `Publishing: a new post with ${IMAGE_COUNT} images (${kB.join(', ')} kB; JPEG 1200 px and PNG 560 px ` +
          `wide, under the account's ${s.maxWidth} px limit) and three paragraphs, published to the real ` +
          'WordPress on 127.0.0.1, timed in Node with performance.now() around the whole ' +
          '`PublishingService.publish` call (reading the draft and its images, the scaling check in the image ' +
          'worker, 5 uploads one after another, composing, the create request, storing the result in the draft), ' +
          `against a plain fetch script sending only the same 5 uploads and 1 create; ${runs} runs each after ` +
          'one unmeasured warm-up pair, alternating Signet/raw, each post and image deleted between pairs (untimed).',
        `Publishing with scaling (information): one Signet run with the account's max width set to ` +
          `${SCALED_MAX_WIDTH} px, so all ${IMAGE_COUNT} images are decoded, resized and re-encoded by jimp ` +
          'in the worker before upload.',
        `Publishing, scaling check (information): \`scaleImageToWidth\` alone on the ${IMAGE_COUNT} images one ` +
          `after another at the ${s.maxWidth} px limit, none of them scaled — the part of Signet's time the ` +
          'raw script does not spend.',
      ],
    };
  } finally {
    await removeCreated(server, created).catch((error: unknown) =>
      console.warn(`  could not delete the benchmark's posts/media: ${String(error)}`),
    );
    await signet?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
