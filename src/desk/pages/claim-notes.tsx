/**
 * Internal notes on a claim with @mentions: typing "@" and a few letters offers colleagues, and
 * the chosen one is written as @handle (the part of their email before "@").
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { claims } from '../api.js';
import { ErrorNotice, Unavailable } from '../components/notices.js';
import { formatDateTime } from '../format.js';
import { fold } from '../queue-filter.js';
import type { Colleague } from '../types.js';
import { useResource } from '../use-resource.js';

/** The handle a mention uses for a user. */
export function handleOf(user: Pick<Colleague, 'handle'>): string {
  return user.handle;
}

/** The "@abc" being typed just before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

export function NotesPanel({
  claimId,
  users,
  tick,
}: {
  claimId: string;
  users: Colleague[];
  tick: number;
}) {
  const { t, i18n } = useTranslation();
  const notes = useResource(() => claims.notes(claimId), [claimId, tick]);
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const names = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);

  const mention = mentionAt(body, caret);
  const candidates = useMemo(() => {
    if (!mention) return [];
    const q = fold(mention.query);
    return users
      .filter((u) => fold(u.displayName).includes(q) || fold(handleOf(u)).startsWith(q))
      .slice(0, 6);
  }, [mention, users]);

  const insert = (user: Colleague) => {
    if (!mention) return;
    const handle = `@${handleOf(user)} `;
    const next = body.slice(0, mention.start) + handle + body.slice(caret);
    setBody(next);
    const position = mention.start + handle.length;
    setCaret(position);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(position, position);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (candidates.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setPicked((picked + 1) % candidates.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setPicked((picked - 1 + candidates.length) % candidates.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      insert(candidates[picked] ?? candidates[0]!);
    }
  };

  const submit = async () => {
    setError(null);
    try {
      const note = await claims.addNote(claimId, body.trim());
      notes.set([...(notes.data ?? []), note]);
      setBody('');
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="notes-title" className="panel">
      <h2 id="notes-title">{t('claim.notes.title')}</h2>
      {notes.missing ? (
        <Unavailable />
      ) : notes.error ? (
        <ErrorNotice error={notes.error} />
      ) : !notes.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          {notes.data.length === 0 ? (
            <p className="muted">{t('claim.notes.none')}</p>
          ) : (
            <ol className="notes">
              {notes.data.map((note) => (
                <li key={note.id}>
                  <p className="note-meta">
                    {(note.authorId && names.get(note.authorId)) ?? t('queue.someone')} ·{' '}
                    {formatDateTime(note.createdAt, i18n.language)}
                  </p>
                  <p className="note-body">{withMentions(note.body)}</p>
                </li>
              ))}
            </ol>
          )}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (body.trim()) void submit();
            }}
          >
            <div className="field">
              <label htmlFor="note-body">{t('claim.notes.add')}</label>
              <textarea
                ref={area}
                id="note-body"
                rows={3}
                value={body}
                aria-describedby="note-help"
                aria-autocomplete="list"
                aria-controls={candidates.length > 0 ? 'mention-list' : undefined}
                onChange={(event) => {
                  setBody(event.target.value);
                  setCaret(event.target.selectionStart);
                  setPicked(0);
                }}
                onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
                onKeyDown={onKeyDown}
              />
              <p id="note-help" className="help">
                {t('claim.notes.help')}
              </p>
            </div>
            {candidates.length > 0 && (
              <ul id="mention-list" className="mentions" aria-label={t('claim.notes.mention')}>
                {candidates.map((user, index) => (
                  <li key={user.id}>
                    <button
                      type="button"
                      className={index === picked ? 'active' : undefined}
                      onClick={() => insert(user)}
                    >
                      {user.displayName} <span className="muted">@{handleOf(user)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {error !== null && <ErrorNotice error={error} />}
            <button type="submit">{t('claim.notes.submit')}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** Note text with @mentions highlighted; React escapes the text itself. */
function withMentions(text: string) {
  return text.split(/(@[\p{L}\p{N}._-]+)/u).map((part, index) =>
    part.startsWith('@') ? (
      <strong key={index} className="mention">
        {part}
      </strong>
    ) : (
      part
    ),
  );
}
