// The waiting visitor's conversation with staff and their estimated wait: loaded after the
// waiting room itself (its first load is at its budget). Staff messages arrive pushed; the thread
// is read from the server, so a reload shows it whole; the visitor may answer once staff wrote.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { LobbyMessage, WaitEstimate } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import type { WaitingRoom } from '../lobby/waiting-room.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { TextField } from '../ui/TextField.tsx';
import { createThreadApi } from './thread-api.ts';
import { estimateWords, mergeMessages, REPLY_MAX, replyProblem } from './thread-state.ts';
import './thread.css';

/** How often the estimate is read again while nothing is pushed (it counts down as time passes). */
const ESTIMATE_REFRESH_MS = 60_000;

/** The thread, the reply box and the estimated wait of the visitor's entry. */
export default function WaitingThread({ room }: { room: Pick<WaitingRoom, 'store'> }) {
  const state = useStore(room.store);
  const ticket = state.ticket;
  const api = useMemo(
    () => (ticket ? createThreadApi(ticket.entryId, ticket.visitorToken) : undefined),
    [ticket],
  );
  const [messages, setMessages] = useState<LobbyMessage[]>([]);
  const [estimate, setEstimate] = useState<WaitEstimate | null | undefined>(state.lobby?.estimate);
  const pushed = state.messages.length;

  // Read the thread at first and whenever staff wrote (a pushed message carries no id).
  useEffect(() => {
    if (!api) return;
    let live = true;
    api.list().then(
      (list) => live && setMessages((known) => mergeMessages(known, list)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, pushed]);

  // A pushed state brings a fresh estimate; between pushes it is read again now and then.
  useEffect(() => setEstimate(state.lobby?.estimate), [state.lobby]);
  useEffect(() => {
    if (!api) return;
    const timer = setInterval(() => {
      api.state().then(
        (lobby) => setEstimate(lobby.estimate),
        () => undefined,
      );
    }, ESTIMATE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [api]);

  const words = estimateWords(estimate);
  const staffWrote = messages.some((m) => m.from === 'staff');
  return (
    <>
      {words && (
        <p className="wait-estimate">
          {words.key === 'lobby.estimate.range'
            ? t('lobby.estimate.range', { from: words.from, to: words.to })
            : t('lobby.estimate.under', { to: words.to })}{' '}
          <span className="muted">{t('lobby.estimate.basis')}</span>
        </p>
      )}
      <section className="panel" aria-labelledby="lobby-thread" hidden={messages.length === 0}>
        <h2 id="lobby-thread">{t('lobby.messages.title')}</h2>
        <ul className="lobby-thread" aria-live="polite">
          {messages.map((m) => (
            <li key={m.id} className={`lobby-thread__message lobby-thread__message--${m.from}`}>
              <span className="lobby-thread__from">
                {m.from === 'staff'
                  ? t('lobby.message.from', { name: m.author })
                  : t('lobby.message.you')}
              </span>{' '}
              {m.text}
            </li>
          ))}
        </ul>
        {staffWrote && api && (
          <ReplyForm
            send={async (text) => {
              const sent = await api.reply(text);
              setMessages((known) => mergeMessages(known, [sent]));
            }}
          />
        )}
      </section>
    </>
  );
}

/** The visitor's answer to staff. */
function ReplyForm({ send }: { send(text: string): Promise<void> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await send(trimmed);
      setText('');
    } catch (error) {
      const why = replyProblem(error);
      setProblem(
        why.kind === 'wait'
          ? t('lobby.reply.wait', { seconds: why.seconds })
          : why.kind === 'limit'
            ? t('lobby.reply.limit')
            : why.kind === 'invalid'
              ? t('lobby.reply.invalid', { max: REPLY_MAX })
              : errorMessage(why.error),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form lobby-thread__reply" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        label={t('lobby.reply.label')}
        value={text}
        maxLength={REPLY_MAX}
        onChange={(e) => setText(e.currentTarget.value)}
        autoComplete="off"
      />
      {problem && <Notice tone="error">{problem}</Notice>}
      <Button type="submit" busy={busy} busyLabel={t('lobby.reply.sending')}>
        {t('lobby.reply.send')}
      </Button>
    </form>
  );
}
