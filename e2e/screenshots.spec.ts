/**
 * Screenshots of every screen of e2e/support/screens.ts, light and dark, at 1280×800 (device
 * scale 1). Always written to test-results/screenshots/ and checked to be real pictures (a sane
 * size, the dark one darker than the light one); with SIGNET_UPDATE_SCREENSHOTS=1 they are also
 * written to docs/screenshots/<screen>-<theme>.png (`npm run screenshots`), with an index of every
 * screen, docs/screenshots/README.md.
 *
 * The theme preference stays "Same as the system" and the system's colour scheme is switched
 * (as when the author's OS turns dark at night), so one walk to the screen gives both pictures.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Jimp } from 'jimp';
import { test, expect } from './fixtures';
import { SCREENS, seedWriting, type Theme } from './support/screens';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test-results', 'screenshots');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const UPDATE = process.env.SIGNET_UPDATE_SCREENSHOTS === '1';
/** Mean brightness (0–255) of a PNG. */
async function brightness(png: Buffer): Promise<number> {
  const image = await Jimp.read(png);
  const { data } = image.bitmap;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4)
    sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
  return sum / (data.length / 4);
}

test.describe('screenshots', () => {
  test.skip(({ target }) => target !== 'web', 'Pictures are taken on the web host only (the same renderer).');

  test.afterAll(async () => {
    if (!UPDATE) return;
    const rows = SCREENS.map(
      (s) =>
        `| ${s.title} | ![${s.title} (light theme)](${s.id}-light.png) | ![${s.title} (dark theme)](${s.id}-dark.png) |`,
    );
    await fsp.writeFile(
      path.join(DOCS, 'README.md'),
      [
        '# Screenshots',
        '',
        'Every screen of Signet in the light and the dark theme, 1280×800, taken by the e2e suite',
        '(`e2e/screenshots.spec.ts`; `npm run screenshots` writes this folder). Each screen is also',
        'checked with axe-core in both themes (e2e/a11y.spec.ts).',
        '',
        '| Screen | Light | Dark |',
        '| --- | --- | --- |',
        ...rows,
        '',
      ].join('\n'),
    );
  });

  for (const screen of SCREENS) {
    test(`${screen.title}`, async ({ signet }) => {
      const page = signet.page;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      const app = await seedWriting(signet);
      await screen.open(app, signet);

      const shots = {} as Record<Theme, Buffer>;
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
          theme === 'dark',
        );
        await page.waitForTimeout(150);
        shots[theme] = await page.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css' });
      }

      const [light, dark] = [shots.light, shots.dark];
      for (const [theme, png] of Object.entries(shots)) {
        // A blank or broken page compresses to almost nothing; a runaway one weighs megabytes.
        expect(png.length, `${screen.id}-${theme}.png size`).toBeGreaterThan(15_000);
        expect(png.length, `${screen.id}-${theme}.png size`).toBeLessThan(600_000);
        const image = await Jimp.read(png);
        expect([image.bitmap.width, image.bitmap.height]).toEqual([1280, 800]);
      }
      expect(light.equals(dark), 'light and dark pictures are the same').toBe(false);
      const [lightLevel, darkLevel] = [await brightness(light), await brightness(dark)];
      expect(
        darkLevel,
        `mean brightness: light ${lightLevel.toFixed(0)}, dark ${darkLevel.toFixed(0)}`,
      ).toBeLessThan(lightLevel - 60);

      await fsp.mkdir(OUT, { recursive: true });
      const toDocs = UPDATE;
      if (toDocs) await fsp.mkdir(DOCS, { recursive: true });
      for (const [theme, png] of Object.entries(shots)) {
        await fsp.writeFile(path.join(OUT, `${screen.id}-${theme}.png`), png);
        if (toDocs) await fsp.writeFile(path.join(DOCS, `${screen.id}-${theme}.png`), png);
      }
    });
  }
});
