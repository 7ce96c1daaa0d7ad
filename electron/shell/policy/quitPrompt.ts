/**
 * Quitting while posts are being sent: Signet asks whether to wait for them, or to quit and send
 * them on the next start (the outbox keeps every job on disk, and a job cut off mid-request looks
 * on the blog before it repeats anything). Posts merely waiting for the network need no question:
 * they stay queued either way.
 */
import { t } from '../../contract/i18n';

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
  return {
    type: 'question',
    title: t('quit.sending.title'),
    message: t('quit.sending.message', { count }),
    detail: t('quit.sending.detail'),
    buttons: [t('quit.sending.wait'), t('quit.sending.later'), t('quit.sending.cancel')],
    defaultId: 0,
    cancelId: 2,
    choices: ['wait', 'later', 'cancel'],
  };
}

/** The choice behind the button the author pressed (Escape or an unknown answer cancels). */
export function quitChoice(prompt: QuitPrompt, response: number): QuitChoice {
  return prompt.choices[response] ?? 'cancel';
}
