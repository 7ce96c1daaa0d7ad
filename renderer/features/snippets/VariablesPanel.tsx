import { useId, useRef, useState } from 'react';
import { BUILT_IN_VARIABLES, type SnippetLibrary } from '../../../electron/contract';
import { call, errorMessage } from '../../bridge';

interface Row {
  key: number;
  name: string;
  value: string;
}

/**
 * What variables fill in: the built-in ones, the author's own details and the author's custom
 * variables. Saved when a field is left (or Enter is pressed); the main process checks the names.
 */
export function VariablesPanel({
  library,
  onLibrary,
}: {
  library: SnippetLibrary;
  onLibrary(library: SnippetLibrary): void;
}) {
  const [authorName, setAuthorName] = useState(library.author.name);
  const [authorEmail, setAuthorEmail] = useState(library.author.email);
  const nextKey = useRef(0);
  const [rows, setRows] = useState<Row[]>(() =>
    library.variables.map((v) => ({ key: nextKey.current++, name: v.name, value: v.value })),
  );
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isDirty = useRef(false);
  // One save at a time, in order: each sends everything as it is then.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const ids = { builtIn: useId(), details: useId(), custom: useId() };

  function save(nextRows: Row[] = rows) {
    isDirty.current = false;
    const details = {
      author: { name: authorName.trim(), email: authorEmail.trim() },
      variables: nextRows
        .filter((r) => r.name.trim() || r.value.trim())
        .map((r) => ({ name: r.name.trim(), value: r.value })),
    };
    setStatus('Saving…');
    chain.current = chain.current.then(() =>
      call('setSnippetDetails', details)
        .then((saved) => {
          onLibrary(saved);
          setError(null);
          setStatus('Saved.');
        })
        .catch((e: unknown) => {
          isDirty.current = true;
          setStatus(null);
          setError(errorMessage(e));
        }),
    );
  }

  const edit = <T,>(setter: (value: T) => void) => {
    return (value: T) => {
      isDirty.current = true;
      setStatus(null);
      setter(value);
    };
  };
  const saveIfChanged = () => {
    if (isDirty.current) save();
  };
  const updateRow = (key: number, patch: Partial<Row>) =>
    edit(setRows)(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <section className="variables-panel" aria-label="Variables">
      <h3>Variables</h3>
      <p className="hint">
        Write a variable in a snippet between double braces, like {'{{author.name}}'}. Signet fills it in when
        the snippet is shown or published, always as plain text (any HTML in a value is escaped).
      </p>

      <form
        className="variables-form"
        aria-label="Your details and variables"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <h4 id={ids.details}>Your details</h4>
        <div className="variables-details" role="group" aria-labelledby={ids.details}>
          <label>
            Your name
            <input
              value={authorName}
              maxLength={200}
              autoComplete="name"
              onChange={(e) => edit(setAuthorName)(e.target.value)}
              onBlur={saveIfChanged}
            />
          </label>
          <label>
            Your email
            <input
              type="email"
              value={authorEmail}
              maxLength={320}
              autoComplete="email"
              onChange={(e) => edit(setAuthorEmail)(e.target.value)}
              onBlur={saveIfChanged}
            />
          </label>
        </div>

        <h4 id={ids.custom}>Your variables</h4>
        {rows.length === 0 ? (
          <p className="hint">
            None yet. A variable holds text you use in many snippets, like a newsletter link.
          </p>
        ) : (
          <ul className="variable-rows" aria-labelledby={ids.custom}>
            {rows.map((row, i) => (
              <li key={row.key} className="variable-row">
                <label>
                  Name
                  <input
                    value={row.name}
                    maxLength={40}
                    spellCheck={false}
                    aria-label={`Variable ${i + 1} name`}
                    onChange={(e) => updateRow(row.key, { name: e.target.value })}
                    onBlur={saveIfChanged}
                  />
                </label>
                <label className="variable-value">
                  Value
                  <input
                    value={row.value}
                    maxLength={2000}
                    aria-label={`Variable ${i + 1} value`}
                    onChange={(e) => updateRow(row.key, { value: e.target.value })}
                    onBlur={saveIfChanged}
                  />
                </label>
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={`Remove variable ${i + 1}${row.name ? ` (${row.name})` : ''}`}
                  onClick={() => {
                    const next = rows.filter((r) => r.key !== row.key);
                    setRows(next);
                    save(next);
                  }}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="secondary-button"
            onClick={() => setRows((list) => [...list, { key: nextKey.current++, name: '', value: '' }])}
          >
            Add variable
          </button>
          <button type="submit" className="primary-button">
            Save
          </button>
        </div>
        {error ? (
          <p className="inline-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="hint" role="status">
          {status}
        </p>
      </form>

      <h4 id={ids.builtIn}>Filled in by Signet</h4>
      <dl className="variable-list" aria-labelledby={ids.builtIn}>
        {BUILT_IN_VARIABLES.map((v) => (
          <div key={v.name}>
            <dt>
              <code>{`{{${v.name}}}`}</code>
            </dt>
            <dd>{v.description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
