// The call's chat: a side panel beside the stage on wide screens, a drawer over the stage on
// phones (the control bar stays visible below it). Opened and closed from the bar.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { Button } from '../../ui/Button.tsx';
import type { RoomSession } from './room-session.ts';

/** The chat panel of one call. */
export function ChatPanel({ session }: { session: RoomSession }) {
  const view = useStore(session.store);
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [view.chat.length]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (session.sendChat(text)) setText('');
  }

  return (
    <aside className="chat" aria-labelledby="chat-title">
      <div className="chat__header">
        <h2 id="chat-title">{t('room.chat.title')}</h2>
        <Button variant="link" onClick={() => session.setChatOpen(false)}>
          {t('room.chat.close')}
        </Button>
      </div>
      {view.chat.length === 0 ? (
        <p className="chat__empty">{t('room.chat.empty')}</p>
      ) : (
        <ol className="chat__list" ref={listRef}>
          {view.chat.map((m) => (
            <li
              key={m.id}
              className={m.mine ? 'chat__message chat__message--mine' : 'chat__message'}
            >
              <span className="chat__from">
                {m.mine ? t('room.chat.me') : t('room.chat.from', { name: m.name })}
              </span>{' '}
              {m.text}
            </li>
          ))}
        </ol>
      )}
      <form className="chat__form" onSubmit={submit}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t('room.chat.input')}
        </label>
        <input
          id="chat-input"
          ref={inputRef}
          className="field__input"
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Button type="submit">{t('room.chat.send')}</Button>
      </form>
    </aside>
  );
}
