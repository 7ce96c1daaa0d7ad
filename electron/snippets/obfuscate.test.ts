import { describe, expect, it } from 'vitest';

import {
  jsonLink as link,
  jsonParagraph as paragraph,
  jsonState as state,
  jsonText as text,
} from '../drafts/testing/editorJson';
import { obfuscateEmail, obfuscateEmailsInState, obfuscateEmailsInText } from './obfuscate';

describe('obfuscateEmail', () => {
  it('spells out the dots and the at sign', () => {
    expect(obfuscateEmail('jon.smith@example.com')).toBe('jon [dot] smith [at] example [dot] com');
    expect(obfuscateEmail('ana@mail.example.co.uk')).toBe('ana [at] mail [dot] example [dot] co [dot] uk');
  });
});

describe('obfuscateEmailsInText', () => {
  it('rewrites every address and leaves the rest of the text alone', () => {
    expect(obfuscateEmailsInText('Write to jon.smith@example.com or ana+blog@example.org. Thanks!')).toBe(
      'Write to jon [dot] smith [at] example [dot] com or ana+blog [at] example [dot] org. Thanks!',
    );
  });

  it('leaves text without an address unchanged', () => {
    expect(obfuscateEmailsInText('Find me @jon on example.com')).toBe('Find me @jon on example.com');
    expect(obfuscateEmailsInText('')).toBe('');
  });
});

describe('obfuscateEmailsInState', () => {
  it('rewrites addresses in text nodes at any depth', () => {
    const input = state(paragraph(text('Mail jon.smith@example.com', 1)), {
      type: 'quote',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: [text('or ana@example.org')],
    });
    const out = obfuscateEmailsInState(input);
    const root = out.root as { children: Array<{ children: Array<{ text: string; format: number }> }> };
    expect(root.children[0]!.children[0]).toEqual(text('Mail jon [dot] smith [at] example [dot] com', 1));
    expect(root.children[1]!.children[0]!.text).toBe('or ana [at] example [dot] org');
  });

  it('unwraps mailto links, keeping their children in place, and keeps web links', () => {
    const input = state(
      paragraph(
        text('Write to '),
        link('mailto:jon.smith@example.com', text('jon.smith@example.com', 1), text(' (me)')),
        text(' or see '),
        link('https://example.com/contact', text('the form')),
        text('.'),
      ),
    );
    const out = obfuscateEmailsInState(input);
    expect(out).toEqual(
      state(
        paragraph(
          text('Write to '),
          text('jon [dot] smith [at] example [dot] com', 1),
          text(' (me)'),
          text(' or see '),
          link('https://example.com/contact', text('the form')),
          text('.'),
        ),
      ),
    );
  });

  it('unwraps autolinks and MAILTO: in capitals too', () => {
    const out = obfuscateEmailsInState(
      state(
        paragraph(
          { ...link('mailto:a@example.com', text('a@example.com')), type: 'autolink' },
          link('  MAILTO:b@example.com', text('b')),
        ),
      ),
    );
    expect(out).toEqual(state(paragraph(text('a [at] example [dot] com'), text('b'))));
  });

  it('does not change its input', () => {
    const input = state(paragraph(link('mailto:jon@example.com', text('jon@example.com'))));
    const before = structuredClone(input);
    const out = obfuscateEmailsInState(input);
    expect(input).toEqual(before);
    expect(out).not.toEqual(before);
  });
});
