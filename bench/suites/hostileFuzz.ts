/**
 * Fuzzing the ways hostile content enters Signet (paste, Markdown import, a post opened from a
 * blog) and leaves it (the body composed for each platform): fast-check builds HTML and Markdown
 * from dangerous fragments (script-ish elements, handlers, URL attributes with dangerous schemes
 * in random encodings, raw-text elements whose end hides in an attribute, comments, corpus
 * entries), nested at random and serialised with random quoting, case and separators. Each input
 * goes in one way and out to one platform (both chosen with it); a run fails on any exception and on
 * any output `electron/security/testing/executable.ts` finds executable.
 *
 * `npm test` runs 10,000 inputs (hostileFuzz.test.ts); `npm run bench` runs 1,000,000, shared over
 * one process per core (hostileFuzzCli.ts, seeds seed, seed + 1, …). `SIGNET_FUZZ_SEED` replays a seed.
 */
import fc from 'fast-check';

import { describeFindings } from '../../electron/security/testing/executable';
import { HOSTILE_CORPUS, PAYLOAD } from '../../electron/security/testing/hostileCorpus';
import { TARGETS, loadPastePipeline, renewPasteDom, runEverywhere } from './hostilePipelines';

/** Inputs per batch; a run's first batch uses its seed itself, so a failure in it replays as ever. */
export const FUZZ_BATCH = Number(process.env.SIGNET_FUZZ_BATCH ?? 10_000);

/** The seed of batch `batch` of a run seeded `seed` (batch 0: `seed`). */
export function fuzzBatchSeed(seed: number, batch: number): number {
  return batch === 0 ? seed : (Math.imul(seed ^ 0x9e3779b9, batch + 1) + batch) >>> 1;
}

type Way = 'paste' | 'markdown' | 'blog';

const TAGS = [
  'script', 'img', 'svg', 'math', 'iframe', 'object', 'embed', 'style', 'noscript', 'title', 'textarea', 'template',
  'xmp', 'a', 'form', 'button', 'input', 'meta', 'base', 'link', 'details', 'video', 'source', 'p', 'b', 'i', 'span',
  'div', 'table', 'tr', 'td', 'figure', 'figcaption', 'pre', 'code', 'blockquote', 'ul', 'li', 'h2', 'mtext',
  'mglyph', 'foreignObject', 'annotation-xml', 'select', 'option', 'frameset', 'use', 'animate', 'set', 'x-el',
]; // prettier-ignore

const HANDLERS = ['onerror', 'onload', 'onclick', 'onmouseover', 'onfocus', 'ontoggle', 'onanimationstart', 'onbegin', 'onpageshow', 'ONERROR', 'oNlOaD']; // prettier-ignore
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'xlink:href', 'action', 'formaction', 'data', 'poster', 'background', 'srcdoc', 'content', 'values', 'to']; // prettier-ignore
const OTHER_ATTRIBUTES = ['alt', 'title', 'class', 'id', 'name', 'http-equiv', 'rel', 'type', 'attributeName', 'width', 'shadowrootmode', 'data-language']; // prettier-ignore

const SCHEMES = ['javascript:', 'vbscript:', 'data:text/html,', 'data:text/html;base64,', 'data:image/svg+xml,', 'https://ok.example/', 'mailto:a@ok.example', '//ok.example/', 'livescript:']; // prettier-ignore

/** One character of a scheme, in any of the spellings an attribute value may use. */
const encodedChar = (char: string): fc.Arbitrary<string> => {
  const code = char.codePointAt(0)!;
  return fc.constantFrom(
    char,
    char.toUpperCase(),
    `&#${code};`,
    `&#x${code.toString(16)};`,
    `&#x${code.toString(16).toUpperCase()}`,
    `&#${String(code).padStart(6, '0')};`,
    `%${code.toString(16)}`,
    `${char}\t`,
    `${char}\n`,
    `\u0000${char}`,
    `&amp;#${code};`,
    char === ':' ? '&colon;' : char,
  );
};

const encodedScheme: fc.Arbitrary<string> = fc
  .constantFrom(...SCHEMES)
  .chain((scheme) =>
    fc.tuple(
      fc.constantFrom('', ' ', '\u0001', '\t', '  \n'),
      fc.tuple(
        ...Array.from(scheme).map((char) =>
          fc.oneof({ weight: 4, arbitrary: fc.constant(char) }, encodedChar(char)),
        ),
      ),
    ),
  )
  .map(([lead, chars]) => lead + chars.join(''));

const payloadText = fc.constantFrom(PAYLOAD, `alert(1)`, `\\u0077indow.__signetHostile=1`, `%77indow.__signetHostile%3D1`, `<script>${PAYLOAD}</script>`); // prettier-ignore

const urlValue = fc.tuple(encodedScheme, payloadText).map(([scheme, payload]) => scheme + payload);

const styleValue = fc.constantFrom(
  `width:expression(${PAYLOAD})`,
  `background:url(javascript:${PAYLOAD})`,
  `background:url('java\\73 cript:${PAYLOAD}')`,
  'font-weight:700',
  'font-style:italic;text-decoration:underline',
  `-moz-binding:url(x)`,
  `x:exp/**/ression(${PAYLOAD})`,
);

const attribute: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom(...HANDLERS), payloadText),
  fc.tuple(fc.constantFrom(...URL_ATTRIBUTES), urlValue),
  fc.tuple(fc.constant('style'), styleValue),
  fc.tuple(fc.constantFrom(...OTHER_ATTRIBUTES), fc.constantFrom('x', 'refresh', 'import', '"><img src=x onerror=' + PAYLOAD + '>', '</noscript><img src=x onerror=' + PAYLOAD + '>', 'open', 'language-js" onclick="x', '0;url=javascript:' + PAYLOAD)), // prettier-ignore
);

const quoteAttribute = ([name, value]: [string, string], quote: string): string =>
  quote === ''
    ? `${name}=${value.replace(/[\s>]/g, '')}`
    : `${name}=${quote}${value.split(quote).join('')}${quote}`;

const text = fc.oneof(
  fc.constantFrom('Benign words', 'a < b & c', '-->', '<!--', ']]>', '"\'`', '&lt;script&gt;', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', '<!--more-->', '\n\n', '[x](javascript:alert(1))', `![i](javascript:${PAYLOAD})`, `<javascript:${PAYLOAD}>`, '```\n', '| a | b |'), // prettier-ignore
  fc.string({ maxLength: 8 }),
);

const rawFragment = fc.oneof(
  fc.constantFrom(...HOSTILE_CORPUS.map((entry) => entry.source)),
  fc.constantFrom('</noscript>', '</title>', '</textarea>', '</style>', '</template>', '</svg>', '</math>', '</p>', '</table>', '<![CDATA[', '</select>', '<plaintext>'), // prettier-ignore
);

/** Random HTML: elements with hostile attributes around text, raw fragments and more elements. */
const { node } = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: rawFragment },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...TAGS),
          fc.boolean(),
          fc.array(fc.tuple(attribute, fc.constantFrom('"', "'", '', '`')), { maxLength: 3 }),
          fc.constantFrom(' ', '/', '\n', ' / '),
          fc.array(tie('node'), { maxLength: 3 }),
          fc.constantFrom('close', 'close', 'open', 'self'),
        )
        .map(([tag, upper, attrs, separator, children, ending]) => {
          const name = upper ? tag.toUpperCase() : tag;
          const attributes = attrs.map(([attr, quote]) => separator + quoteAttribute(attr, quote)).join('');
          if (ending === 'self') return `<${name}${attributes}/>`;
          return `<${name}${attributes}>${children.join('')}${ending === 'close' ? `</${name}>` : ''}`;
        }),
    },
  ),
}));

export const hostileInput: fc.Arbitrary<{ source: string; way: Way; target: string }> = fc.record({
  source: fc.array(node, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  way: fc.constantFrom<Way>('paste', 'markdown', 'blog'),
  // One platform per input keeps 10,000 inputs within a minute; every pair comes up thousands of times.
  target: fc.constantFrom(...TARGETS.map((target) => target.name)),
});

export interface HostileFuzzResult {
  runs: number;
  seed: number;
  failed: boolean;
  /** The smallest failing input and what was found (or the exception), when `failed`. */
  counterexample?: string;
  ms: number;
  perRunMs: number;
}

/** Runs `runs` inputs through their way in and every platform's compose; stops at the first failure. */
export async function benchHostileFuzz({
  runs,
  seed = Number(process.env.SIGNET_FUZZ_SEED ?? Date.now() % 2 ** 31),
  onBatch,
}: {
  runs: number;
  seed?: number;
  /** Called after each batch with the inputs run so far (the CLI prints progress with it). */
  onBatch?: (runsSoFar: number) => void;
}): Promise<HostileFuzzResult> {
  await loadPastePipeline();
  const started = performance.now();
  const details = new Map<string, string>();
  const property = fc.property(hostileInput, ({ source, way, target }) => {
    const found = runEverywhere(
      source,
      [way],
      TARGETS.filter((t) => t.name === target),
    );
    if (found.length === 0) return true;
    details.set(
      `${way}\u0000${source}`,
      found.map(({ where, finding }) => `${where}: ${describeFindings([finding])}`).join('\n'),
    );
    return false;
  });
  // In batches, with the event loop let run between them: composing closes a happy-dom window
  // per call asynchronously, and the paste window is renewed (renewPasteDom), so a million inputs
  // run in flat memory (one synchronous fc.check ran out of a 4 GB heap at ~250,000).
  let numRuns = 0;
  let failure: { seed: number; result: fc.RunDetails<[fc.Arbitrary<unknown>]> } | null = null;
  for (let batch = 0; numRuns < runs && failure === null; batch++) {
    const batchSeed = fuzzBatchSeed(seed, batch);
    const result = fc.check(property, {
      numRuns: Math.min(FUZZ_BATCH, runs - numRuns),
      seed: batchSeed,
      endOnFailure: runs > 10_000,
    });
    numRuns += result.numRuns;
    if (result.failed) failure = { seed: batchSeed, result: result as never };
    await new Promise((resolve) => setTimeout(resolve, 0));
    await renewPasteDom();
    onBatch?.(numRuns);
  }
  const ms = performance.now() - started;
  let counterexample: string | undefined;
  if (failure) {
    const input = failure.result.counterexample?.[0] as { way: Way; source: string } | undefined;
    const key = input ? `${input.way}\u0000${input.source}` : '';
    counterexample =
      `${JSON.stringify(input)} (batch seed ${failure.seed}: SIGNET_FUZZ_SEED=${failure.seed} replays it)\n` +
      (details.get(key) ?? String(failure.result.errorInstance ?? 'no detail'));
  }
  return {
    runs: numRuns,
    seed,
    failed: failure !== null,
    ...(counterexample !== undefined ? { counterexample } : {}),
    ms,
    perRunMs: ms / Math.max(1, numRuns),
  };
}
