// A waiting visitor's conversation with staff, on their card in the console's queue and in the
// call's queue alike: the thread (the visitor's answers included), and, while staff write, the
// facility's canned messages as one-click choices above a free-text message.
import { useEffect, useState, type FormEvent } from 'react';
import type { LobbyEntry } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { TextField } from '../ui/TextField.tsx';
import type { StaffConsole } from './staff-console.ts';
import './entry-thread.css';
import { focusOnMount } from '../ui/focus-on-mount.ts';

interface EntryThreadProps {
  entry: LobbyEntry;
  staffConsole: StaffConsole;
  /** Whether staff opened the message form. */
  composing: boolean;
  /** A message went: the card may say so and close the form. */
  onSent(): void;
}

/** The thread of one waiting entry, and the form to write to them. */
export function EntryThread({ entry, staffConsole, composing, onSent }: EntryThreadProps) {
  const { threads } = staffConsole;
  const { byEntry, canned } = useStore(threads.store);
  const busy = useStore(staffConsole.store).busy.includes(`message:${entry.id}`);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const messages = byEntry[entry.id] ?? [];
  const name = entry.displayName;

  useEffect(() => {
    void threads.load(entry.id).catch(() => undefined);
  }, [threads, entry.id]);
  useEffect(() => {
    if (composing) void threads.loadCanned().catch(() => undefined);
  }, [threads, composing]);

  async function send(message: string) {
    setError(undefined);
    try {
      threads.received(await staffConsole.message(entry.id, message));
      setText('');
      onSent();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) void send(text.trim());
  }

  return (
    <>
      {messages.length > 0 && (
        <section className="entry-thread" aria-label={t('console.thread.title', { name })}>
          <ul className="entry-thread__list" aria-live="polite">
            {messages.map((m) => (
              <li key={m.id} className={`entry-thread__message entry-thread__message--${m.from}`}>
                <span className="entry-thread__from">
                  {m.from === 'visitor'
                    ? t('console.thread.visitor', { name: m.author })
                    : t('console.thread.staff', { name: m.author })}
                </span>{' '}
                {m.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      {composing && (
        <div className="entry-thread__compose">
          {error && <Notice tone="error">{error}</Notice>}
          {canned.length > 0 && (
            <div
              className="entry-thread__canned"
              role="group"
              aria-label={t('console.canned.title', { name })}
            >
              {canned.map((message) => (
                <Button
                  key={message}
                  variant="secondary"
                  busy={busy}
                  onClick={() => void send(message)}
                >
                  {message}
                </Button>
              ))}
            </div>
          )}
          <form className="form entry-thread__form" onSubmit={submit}>
            <TextField
              label={t('console.message.label', { name })}
              value={text}
              maxLength={500}
              onChange={(e) => setText(e.currentTarget.value)}
              ref={focusOnMount}
            />
            <Button type="submit" busy={busy}>
              {t('console.message.send')}
            </Button>
          </form>
        </div>
      )}
    </>
  );
}
