import { useId, useRef, useState } from 'react';
import { BUILT_IN_VARIABLES, type SnippetLibrary } from '../../../electron/contract';
import { variableDescription } from '../../../electron/contract/snippetLabels';
import { call, errorMessage } from '../../bridge';
import { t } from '../../../electron/contract/i18n';

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
    setStatus(t('snippets.variables.saving'));
    chain.current = chain.current.then(() =>
      call('setSnippetDetails', details)
        .then((saved) => {
          onLibrary(saved);
          setError(null);
          setStatus(t('snippets.variables.saved'));
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
    <section className="variables-panel" aria-label={t('snippets.variables.title')}>
      <h3>{t('snippets.variables.title')}</h3>
      <p className="hint">{t('snippets.variables.hint', { example: '{{author.name}}' })}</p>

      <form
        className="variables-form"
        aria-label={t('snippets.variables.form')}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <h4 id={ids.details}>{t('snippets.variables.details')}</h4>
        <div className="variables-details" role="group" aria-labelledby={ids.details}>
          <label>
            {t('snippets.variables.yourName')}
            <input
              value={authorName}
              maxLength={200}
              autoComplete="name"
              onChange={(e) => edit(setAuthorName)(e.target.value)}
              onBlur={saveIfChanged}
            />
          </label>
          <label>
            {t('snippets.variables.yourEmail')}
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

        <h4 id={ids.custom}>{t('snippets.variables.custom')}</h4>
        {rows.length === 0 ? (
          <p className="hint">{t('snippets.variables.none')}</p>
        ) : (
          <ul className="variable-rows" aria-labelledby={ids.custom}>
            {rows.map((row, i) => (
              <li key={row.key} className="variable-row">
                <label>
                  {t('snippets.variables.name')}
                  <input
                    value={row.name}
                    maxLength={40}
                    spellCheck={false}
                    aria-label={t('snippets.variables.nameLabel', { index: i + 1 })}
                    onChange={(e) => updateRow(row.key, { name: e.target.value })}
                    onBlur={saveIfChanged}
                  />
                </label>
                <label className="variable-value">
                  {t('snippets.variables.value')}
                  <input
                    value={row.value}
                    maxLength={2000}
                    aria-label={t('snippets.variables.valueLabel', { index: i + 1 })}
                    onChange={(e) => updateRow(row.key, { value: e.target.value })}
                    onBlur={saveIfChanged}
                  />
                </label>
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={
                    row.name
                      ? t('snippets.variables.removeNamed', { index: i + 1, name: row.name })
                      : t('snippets.variables.remove', { index: i + 1 })
                  }
                  onClick={() => {
                    const next = rows.filter((r) => r.key !== row.key);
                    setRows(next);
                    save(next);
                  }}
                >
                  {t('snippets.variables.removeButton')}
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
            {t('snippets.variables.add')}
          </button>
          <button type="submit" className="primary-button">
            {t('snippets.variables.save')}
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

      <h4 id={ids.builtIn}>{t('snippets.variables.builtIn')}</h4>
      <dl className="variable-list" aria-labelledby={ids.builtIn}>
        {BUILT_IN_VARIABLES.map((v) => (
          <div key={v.name}>
            <dt>
              <code>{`{{${v.name}}}`}</code>
            </dt>
            <dd>{variableDescription(v.name)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
