import { useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../electron/contract';
import { on } from '../../bridge';

/**
 * The latest `jobProgress` of the jobs `matches` picks (by job id), kept until the job is done.
 * The main process reports each step of the job being sent: images first, then the post.
 */
export function useJobProgress(matches: (progress: JobProgress) => boolean): Map<string, JobProgress> {
  const [byJob, setByJob] = useState<Map<string, JobProgress>>(() => new Map());
  const filter = useRef(matches);
  filter.current = matches;
  useEffect(
    () =>
      on('jobProgress', (progress) => {
        if (!filter.current(progress)) return;
        setByJob((current) => {
          const next = new Map(current);
          if (progress.step === 'done') next.delete(progress.jobId);
          else next.set(progress.jobId, progress);
          return next;
        });
      }),
    [],
  );
  return byJob;
}

/** A determinate bar with an accessible name, and the step in words as a status. */
export function ProgressLine(props: { name: string; done: number; total: number; label: string }) {
  const total = Math.max(1, props.total);
  return (
    <div className="progress">
      <progress aria-label={props.name} max={total} value={Math.min(props.done, total)} />
      <p role="status">{props.label}</p>
    </div>
  );
}
