import { describe, expect, it } from 'vitest';

import type { OutboxJobSummary } from '../contract';
import { outboxNotification, outboxResultOf, type OutboxResultEvent } from './notifications';

const job = (over: Partial<OutboxJobSummary> = {}): OutboxJobSummary => ({
  id: 'job_abcdef1',
  kind: 'publish',
  draftId: 'd1',
  draftTitle: 'Harbour lights',
  accountId: 'a1',
  siteName: 'Sea blog',
  state: 'done',
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:01.000Z',
  attempts: 1,
  ...over,
});

const away = { windowFocused: false, enabled: true };
const here = { windowFocused: true, enabled: true };

describe('outboxResultOf', () => {
  it('tells a new post, an update and a removal apart', () => {
    expect(outboxResultOf(job({ permalink: 'https://sea.example/h' }), false)).toMatchObject({
      kind: 'published',
      permalink: 'https://sea.example/h',
    });
    expect(outboxResultOf(job(), true)?.kind).toBe('updated');
    expect(outboxResultOf(job({ kind: 'delete' }), true)?.kind).toBe('removed');
  });

  it('a stop that needs the author is not an ordinary failure', () => {
    const wrongPassword = job({
      state: 'failed',
      lastError: { code: 'AUTH_FAILED', message: 'The blog refused the password. Sign in again.' },
    });
    expect(outboxResultOf(wrongPassword, false)).toMatchObject({
      kind: 'needsAuthor',
      message: 'The blog refused the password. Sign in again.',
    });
    expect(
      outboxResultOf(job({ state: 'failed', lastError: { code: 'REMOTE_ERROR', message: 'x' } }), false)
        ?.kind,
    ).toBe('failed');
  });

  it('a job that goes on by itself, or was cancelled, is no result', () => {
    for (const state of ['queued', 'sending', 'waiting', 'cancelled'] as const)
      expect(outboxResultOf(job({ state }), false)).toBeNull();
  });
});

describe('outboxNotification', () => {
  const published: OutboxResultEvent = {
    kind: 'published',
    action: 'publish',
    jobId: 'job_abcdef1',
    draftTitle: 'Harbour lights',
    siteName: 'Sea blog',
    permalink: 'https://sea.example/h',
  };

  it('says a success only when the window is not in front', () => {
    expect(outboxNotification(published, away)).toEqual({
      title: 'Published on Sea blog',
      body: '“Harbour lights” — https://sea.example/h',
      urgency: 'normal',
    });
    expect(outboxNotification(published, here)).toBeNull();
    expect(outboxNotification({ ...published, kind: 'updated' }, away)?.title).toBe('Updated on Sea blog');
    expect(outboxNotification({ ...published, kind: 'removed' }, away)).toMatchObject({
      title: 'Removed from Sea blog',
      body: '“Harbour lights”',
    });
  });

  it('always says a failure, with what happened and what to do', () => {
    const failed: OutboxResultEvent = {
      kind: 'failed',
      action: 'publish',
      jobId: 'job_abcdef1',
      draftTitle: '',
      siteName: 'Sea blog',
      message: 'The blog refused the post. Check its settings, then try again.',
    };
    for (const context of [away, here]) {
      expect(outboxNotification(failed, context)).toEqual({
        title: 'Could not send to Sea blog',
        body: '“Untitled” was not sent. The blog refused the post. Check its settings, then try again.',
        urgency: 'critical',
      });
    }
    expect(outboxNotification({ ...failed, kind: 'needsAuthor' }, here)).toMatchObject({
      title: 'Sea blog needs you',
      urgency: 'critical',
    });
    expect(outboxNotification({ ...failed, message: undefined }, here)?.body).toMatch(/Open the outbox/);
    expect(outboxNotification({ ...failed, action: 'delete' }, here)?.body).toContain(
      'was not removed from the blog.',
    );
  });

  it('says nothing when the author switched notifications off', () => {
    expect(outboxNotification(published, { windowFocused: false, enabled: false })).toBeNull();
    expect(
      outboxNotification(
        { ...published, kind: 'failed', message: 'x' },
        { windowFocused: true, enabled: false },
      ),
    ).toBeNull();
  });
});
