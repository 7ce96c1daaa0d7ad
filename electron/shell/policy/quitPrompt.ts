/**
 * Quitting while posts are being sent: Signet asks whether to wait for them, or to quit and send
 * them on the next start (the outbox keeps every job on disk, and a job cut off mid-request looks
 * on the blog before it repeats anything). Posts merely waiting for the network need no question:
 * they stay queued either way.
 */

export type QuitChoice = 'wait' | 'later' | 'cancel';

export interface OutboxActivity {
  /** Jobs being sent now. */
  sending: number;
  /** Jobs due now, about to be sent. */
  queued: number;
}

export interface QuitPrompt {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  /** The choice each button stands for, in button order. */
  choices: QuitChoice[];
}

/** The question to ask before quitting, or null when nothing is being sent. */
export function quitPrompt(activity: OutboxActivity): QuitPrompt | null {
  const count = activity.sending + activity.queued;
  if (count === 0) return null;
  const posts = count === 1 ? 'a post' : `${count} posts`;
  return {
    type: 'question',
    title: 'Signet is sending',
    message: `Signet is sending ${posts} to your blog.`,
    detail:
      'Wait until it is done, or quit now: anything not sent yet is sent the next time you open Signet, and nothing is published twice.',
    buttons: ['Wait, then Quit', 'Quit and Send Later', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    choices: ['wait', 'later', 'cancel'],
  };
}

/** The choice behind the button the author pressed (Escape or an unknown answer cancels). */
export function quitChoice(prompt: QuitPrompt, response: number): QuitChoice {
  return prompt.choices[response] ?? 'cancel';
}
