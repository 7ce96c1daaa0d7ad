import { t } from '../../../electron/contract/i18n';
import { formatNumber, readingMinutes } from '../../ui/format';

/** "1,234" in the author's locale. */
export function formatCount(n: number): string {
  return formatNumber(n);
}

/** "4 min read" (about 230 words a minute); "0 min read" for an empty draft. */
export function readingTimeLabel(words: number): string {
  return t('writing.readingTime', { minutes: readingMinutes(words) });
}

/** Percent of the goal reached, 0–100 (whole numbers). */
export function goalPercent(words: number, goal: number): number {
  if (goal <= 0) return 0;
  return Math.min(100, Math.floor((words / goal) * 100));
}

/** "640 of 1,500 words (42%)", or "Goal reached: 1,520 of 1,500 words". */
export function goalLabel(words: number, goal: number): string {
  return words >= goal
    ? t('writing.goal.reached', { words, goal })
    : t('writing.goal.progress', { words, goal, percent: goalPercent(words, goal) });
}

/** The goal the author typed, or an error sentence saying what to type. */
export function parseGoal(input: string): { goal: number } | { error: string } {
  const text = input.trim().replace(/[\s,.'’_]/g, '');
  if (!/^\d+$/.test(text)) return { error: t('writing.goal.notANumber') };
  const goal = Number(text);
  if (goal < 1 || goal > 1_000_000) return { error: t('writing.goal.outOfRange', { max: 1_000_000 }) };
  return { goal };
}
