import { describe, expect, it } from 'vitest';
import { formatList } from './format';

describe('formatList', () => {
  it('joins items with the locale’s words and commas', () => {
    expect(formatList([], 'conjunction', 'en')).toBe('');
    expect(formatList(['tags'], 'conjunction', 'en')).toBe('tags');
    expect(formatList(['tags', 'categories'], 'conjunction', 'en')).toBe('tags and categories');
    expect(formatList(['tags', 'categories', 'featured image'], 'conjunction', 'en')).toBe(
      'tags, categories, and featured image',
    );
    expect(formatList(['A', 'B'], 'disjunction', 'en')).toBe('A or B');
    expect(formatList(['Tags', 'Kategorien'], 'conjunction', 'de')).toBe('Tags und Kategorien');
  });
});
