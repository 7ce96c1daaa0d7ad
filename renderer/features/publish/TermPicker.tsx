import { useEffect, useId, useState } from 'react';
import { t } from '../../../electron/contract/i18n';
import { call } from '../../bridge';

interface TermPickerProps {
  label: string;
  accountId: string;
  taxonomy: 'tags' | 'categories';
  value: string[];
  onChange(value: string[]): void;
}

/**
 * Pick existing terms from the blog (suggested as the author types) or add new ones; new terms
 * are created on the blog when the post is sent.
 */
export function TermPicker({ label, accountId, taxonomy, value, onChange }: TermPickerProps) {
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const listId = useId();

  useEffect(() => {
    const timer = setTimeout(() => {
      call('searchTerms', { accountId, taxonomy, search: text.trim() })
        .then((terms) => setSuggestions(terms.map((term) => term.name)))
        .catch(() => setSuggestions([]));
    }, 150);
    return () => clearTimeout(timer);
  }, [accountId, taxonomy, text]);

  const add = (name: string) => {
    const clean = name.trim();
    if (clean && !value.some((v) => v.toLowerCase() === clean.toLowerCase())) onChange([...value, clean]);
    setText('');
  };

  return (
    <div className="term-picker" role="group" aria-label={label}>
      <label>
        {label}
        <input
          list={listId}
          value={text}
          placeholder={t('publish.terms.placeholder', { taxonomy })}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ',') {
              e.preventDefault();
              add(text);
            }
          }}
        />
      </label>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="button" className="secondary-button" disabled={!text.trim()} onClick={() => add(text)}>
        {t('publish.terms.add', { taxonomy })}
      </button>
      {value.length > 0 ? (
        <ul className="chips" aria-label={t('publish.terms.chosen', { taxonomy })}>
          {value.map((term) => (
            <li key={term} className="chip">
              {term}
              <button
                type="button"
                className="icon-button"
                aria-label={t('publish.terms.remove', { taxonomy, term })}
                onClick={() => onChange(value.filter((v) => v !== term))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
