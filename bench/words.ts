/** Deterministic, English-like filler text for benchmarks (a fixed vocabulary, a seeded PRNG). */
const VOCABULARY = (
  'the of and to in is that for it as with was on be by this are from or at have an but not which ' +
  'writing draft blog post editor morning garden river window coffee letter story reader author ' +
  'quietly simple careful bright long short early late every another between through without ' +
  'publish image heading paragraph quote list table link signature offline sync folder revision ' +
  'mountain harbour lantern orchard meadow thunder velvet copper silver marble shadow whisper'
).split(' ');

export function makeWords(count: number, seed = 1): string[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: fast and repeatable.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
  return words;
}
