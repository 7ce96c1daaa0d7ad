import { type FormEvent, type JSX, useEffect, useId, useRef, useState } from 'react';

import { t } from '../../../electron/contract/i18n';
import { goalLabel, goalPercent, parseGoal, readingTimeLabel } from './writingStats';

export interface StatusLineProps {
  words: number;
  characters: number;
  /** The draft's word-count goal, if the author set one. */
  wordGoal: number | undefined;
  /** Saves a new goal (undefined removes it); rejects with a message when it could not be saved. */
  onGoalChange(goal: number | undefined): Promise<void>;
  outlineOpen: boolean;
  onToggleOutline(): void;
  onFind(): void;
  /** A trashed draft: counts only. */
  readOnly: boolean;
}

function GoalForm({
  goal,
  onSave,
  onClose,
}: {
  goal: number | undefined;
  onSave(goal: number | undefined): Promise<void>;
  onClose(): void;
}): JSX.Element {
  const [value, setValue] = useState(goal === undefined ? '' : String(goal));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  useEffect(() => input.current?.focus(), []);

  const save = async (next: number | undefined) => {
    setBusy(true);
    try {
      await onSave(next);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseGoal(value);
    if ('error' in parsed) setError(parsed.error);
    else void save(parsed.goal);
  };

  return (
    <form
      className="writing-goal"
      role="dialog"
      aria-label={t('writing.goal.dialog')}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <label className="writing-goal__label">
        {t('writing.goal.field')}
        <input
          ref={input}
          inputMode="numeric"
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
      </label>
      {error !== null ? (
        <p id={errorId} className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="writing-goal__actions">
        <button type="submit" className="primary-button" disabled={busy}>
          {t('writing.goal.save')}
        </button>
        {goal !== undefined ? (
          <button
            type="button"
            className="secondary-button"
            disabled={busy}
            onClick={() => void save(undefined)}
          >
            {t('writing.goal.remove')}
          </button>
        ) : null}
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('writing.goal.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Under the editor: words, characters, reading time, the word goal, and the outline and find toggles. */
export function StatusLine({
  words,
  characters,
  wordGoal,
  onGoalChange,
  outlineOpen,
  onToggleOutline,
  onFind,
  readOnly,
}: StatusLineProps): JSX.Element {
  const [editingGoal, setEditingGoal] = useState(false);
  const goalButton = useRef<HTMLButtonElement>(null);
  const closeGoal = () => {
    setEditingGoal(false);
    goalButton.current?.focus();
  };

  return (
    <section className="writing-status" aria-label={t('writing.status.label')}>
      <span className="word-count" aria-label={t('writing.words.label')}>
        {t('writing.words', { count: words })}
      </span>
      <span aria-label={t('writing.characters.label')}>{t('writing.characters', { count: characters })}</span>
      <span aria-label={t('writing.readingTime.label')}>{readingTimeLabel(words)}</span>
      {wordGoal !== undefined ? (
        <span className="writing-status__goal" aria-label={t('writing.goal.progressLabel')}>
          <progress
            max={100}
            value={goalPercent(words, wordGoal)}
            aria-label={t('writing.goal.progressBar')}
          />
          {goalLabel(words, wordGoal)}
        </span>
      ) : null}
      <span className="spacer" />
      {!readOnly ? (
        <span className="writing-status__popover-anchor">
          <button
            ref={goalButton}
            type="button"
            className="secondary-button"
            aria-expanded={editingGoal}
            onClick={() => setEditingGoal((open) => !open)}
          >
            {wordGoal === undefined ? t('writing.goal.set') : t('writing.goal.change')}
          </button>
          {editingGoal ? <GoalForm goal={wordGoal} onSave={onGoalChange} onClose={closeGoal} /> : null}
        </span>
      ) : null}
      <button
        type="button"
        className="secondary-button"
        aria-pressed={outlineOpen}
        title={t('writing.outline.title')}
        onClick={onToggleOutline}
      >
        {t('writing.outline')}
      </button>
      <button type="button" className="secondary-button" title={t('writing.find.title')} onClick={onFind}>
        {t('writing.find')}
      </button>
    </section>
  );
}
