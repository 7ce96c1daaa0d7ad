import { describe, expect, it } from 'vitest';

import type { OutboxJobSummary, SyndicateResult } from '../../../electron/contract';
import { requestSchemas } from '../../../electron/contract/schemas';
import { ACCOUNTS, harbour, kelp, lantern } from './fixtures';
import {
  followJobs,
  initialCopyIds,
  initialPrimaryId,
  optionsFor,
  statusesFor,
  statusFor,
  statusProblem,
  syndicationResults,
  type PublishChoices,
} from './syndication';

const choices: PublishChoices = {
  postType: 'post',
  status: 'publish',
  tags: ['boats'],
  categories: ['Sea'],
  excerpt: '  Short. ',
  slug: 'boats-at-dusk',
  featuredImage: 'boats.png',
  useHeader: false,
  useFooter: true,
};

describe('statuses by capability', () => {
  it('offers only what the blog can keep, and always Schedule (the outbox holds it)', () => {
    expect(statusesFor(harbour.capabilities)).toEqual(['draft', 'pending', 'private', 'publish', 'future']);
    expect(statusesFor(lantern.capabilities)).toEqual(['draft', 'publish', 'future']);
    expect(statusesFor(kelp.capabilities)).toEqual(['publish', 'future']);
  });

  it('maps a status to the nearest one that keeps the post as hidden, or none', () => {
    expect(statusFor('pending', lantern.capabilities)).toBe('draft');
    expect(statusFor('private', lantern.capabilities)).toBe('draft');
    expect(statusFor('future', kelp.capabilities)).toBe('future');
    expect(statusFor('draft', kelp.capabilities)).toBeNull();
    expect(statusFor('private', kelp.capabilities)).toBeNull();
    expect(statusProblem('draft', kelp)).toMatch(
      /^Kelp Microblog cannot keep a draft, so no copy is sent there\./,
    );
    expect(statusProblem('publish', kelp)).toBeNull();
  });
});

describe('options per account', () => {
  it('gives the original everything its blog has, trimmed, with its header and footer switches', () => {
    const withSnippets = { ...harbour, settings: { ...harbour.settings, headerSnippetId: 's1' } };
    const options = optionsFor(withSnippets, { ...choices, postType: 'page' })!;
    expect(options).toEqual({
      accountId: 'acct_harbour',
      postType: 'page',
      status: 'publish',
      tags: [],
      categories: [],
      excerpt: 'Short.',
      slug: 'boats-at-dusk',
      featuredImage: 'boats.png',
      useHeader: false,
    });
    expect(requestSchemas.publishDraft.parse({ draftId: 'd1', options })).toBeTruthy();
  });

  it('fits a copy to its blog: only what it has, and the link back to the original', () => {
    const scheduled = { ...choices, status: 'future' as const, scheduledAt: '2030-01-02T03:04:00.000Z' };
    expect(optionsFor(lantern, { ...scheduled, postType: 'page' }, harbour.id)).toEqual({
      accountId: 'acct_lantern',
      postType: 'post',
      status: 'future',
      scheduledAt: '2030-01-02T03:04:00.000Z',
      tags: ['boats'],
      categories: [],
      excerpt: 'Short.',
      slug: 'boats-at-dusk',
      featuredImage: 'boats.png',
      canonicalFrom: 'acct_harbour',
    });
    // No scheduling there: still "future"; the outbox holds it and publishes it on time.
    const copy = optionsFor(kelp, scheduled, harbour.id)!;
    expect(copy).toEqual({
      accountId: 'acct_kelp',
      postType: 'post',
      status: 'future',
      scheduledAt: '2030-01-02T03:04:00.000Z',
      tags: ['boats'],
      categories: [],
      canonicalFrom: 'acct_harbour',
    });
    expect(
      requestSchemas.syndicateDraft.parse({
        draftId: 'd1',
        primary: optionsFor(harbour, scheduled),
        copies: [copy],
      }),
    ).toBeTruthy();
    expect(optionsFor(kelp, { ...choices, status: 'draft' }, harbour.id)).toBeNull();
  });
});

describe('choices remembered in the draft', () => {
  it('maps the destination keys of meta.syndication to accounts on this computer', () => {
    const meta = {
      syndication: {
        primary: lantern.destinationKey,
        targets: [kelp.destinationKey, 'key:https://gone.test'],
      },
    };
    expect(initialPrimaryId(meta, ACCOUNTS)).toBe('acct_lantern');
    expect(initialCopyIds(meta, ACCOUNTS, 'acct_lantern')).toEqual(['acct_kelp']);
    // The original is never its own copy; no syndication: the first account and no copies.
    expect(initialCopyIds(meta, ACCOUNTS, 'acct_kelp')).toEqual([]);
    expect(initialPrimaryId({}, ACCOUNTS)).toBe('acct_harbour');
    expect(initialCopyIds({}, ACCOUNTS, 'acct_harbour')).toEqual([]);
    expect(
      initialPrimaryId({ syndication: { primary: 'key:https://gone.test', targets: [] } }, ACCOUNTS),
    ).toBe('acct_harbour');
  });
});

describe('results per destination', () => {
  const result: SyndicateResult = {
    primary: {
      kind: 'published',
      remoteId: '7',
      permalink: 'http://127.0.0.1:9/p/7',
      status: 'publish',
      modifiedGmt: '',
    },
    copies: [
      {
        accountId: 'acct_lantern',
        outcome: { kind: 'queued', jobId: 'job_lantern1', message: 'Ghost is down.' },
      },
      { accountId: 'acct_kelp', error: { code: 'AUTH_FAILED', message: 'Sign in to Kelp again.' } },
    ],
  };

  it('says how each one came out', () => {
    expect(syndicationResults(result, 'acct_harbour', ACCOUNTS)).toEqual([
      {
        accountId: 'acct_harbour',
        siteName: 'Harbour Blog',
        role: 'Original',
        kind: 'published',
        text: 'Published: http://127.0.0.1:9/p/7',
        permalink: 'http://127.0.0.1:9/p/7',
      },
      {
        accountId: 'acct_lantern',
        siteName: 'Lantern Notes',
        role: 'Copy',
        kind: 'queued',
        text: 'Queued: Ghost is down.',
        jobId: 'job_lantern1',
      },
      {
        accountId: 'acct_kelp',
        siteName: 'Kelp Microblog',
        role: 'Copy',
        kind: 'error',
        text: 'Sign in to Kelp again.',
      },
    ]);
  });

  it('follows a queued copy through the outbox', () => {
    const lines = syndicationResults(result, 'acct_harbour', ACCOUNTS);
    const job = (patch: Partial<OutboxJobSummary>): OutboxJobSummary => ({
      id: 'job_lantern1',
      kind: 'publish',
      draftId: 'd1',
      draftTitle: 'Boats',
      accountId: 'acct_lantern',
      siteName: 'Lantern Notes',
      state: 'queued',
      createdAt: '',
      updatedAt: '',
      attempts: 1,
      ...patch,
    });
    expect(followJobs(lines, [job({})])).toEqual(lines);
    expect(
      followJobs(lines, [
        job({ state: 'waiting', lastError: { code: 'OFFLINE', message: 'Still down.' } }),
      ])[1]!.text,
    ).toBe('Queued: Still down.');
    const done = followJobs(lines, [job({ state: 'done', permalink: 'http://127.0.0.1:9/l/1' })])[1]!;
    expect(done).toMatchObject({
      kind: 'published',
      text: 'Published: http://127.0.0.1:9/l/1',
      permalink: 'http://127.0.0.1:9/l/1',
    });
    expect(
      followJobs(lines, [job({ state: 'failed', lastError: { code: 'X', message: 'Refused.' } })])[1]!.text,
    ).toBe('Failed: Refused. Open Outbox to try again.');
    expect(followJobs(lines, [job({ state: 'cancelled' })])[1]!.kind).toBe('error');
    // Other lines are left as they are.
    expect(followJobs(lines, [job({ state: 'done' })])[0]).toBe(lines[0]);
  });
});

describe('initialPrimaryId without a named original', () => {
  it('is the blog the draft is on, else the newest account (not the site folder every user starts with)', () => {
    const older = { ...ACCOUNTS[0]!, createdAt: '2025-01-01T00:00:00.000Z' };
    const newer = { ...ACCOUNTS[1]!, createdAt: '2026-06-01T00:00:00.000Z' };
    expect(initialPrimaryId({}, [older, newer])).toBe(newer.id);
    expect(initialPrimaryId({}, [older, newer], { [older.destinationKey]: {} })).toBe(older.id);
  });
});

describe('the newsletter', () => {
  const ghostLike = { ...harbour, capabilities: { ...harbour.capabilities, newsletter: true } };
  it('is emailed only when asked, only by a blog that can, only when the post goes live, never by a copy', () => {
    expect(optionsFor(ghostLike, choices)!.newsletter).toBeUndefined();
    expect(optionsFor(ghostLike, { ...choices, newsletter: 'weekly' })!.newsletter).toBe('weekly');
    expect(optionsFor(harbour, { ...choices, newsletter: 'weekly' })!.newsletter).toBeUndefined();
    expect(
      optionsFor(ghostLike, { ...choices, status: 'draft', newsletter: 'weekly' })!.newsletter,
    ).toBeUndefined();
    expect(optionsFor(ghostLike, { ...choices, newsletter: 'weekly' }, kelp.id)!.newsletter).toBeUndefined();
  });
});
