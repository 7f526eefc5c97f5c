// One visitor waiting to join: who, for which visit, since when; let in, turn away, message.
import { useState, type FormEvent } from 'react';
import type { LobbyEntry } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { TextField } from '../ui/TextField.tsx';
import type { StaffConsole } from './staff-console.ts';

type Open = 'none' | 'deny' | 'message';

/** A waiting visitor in the queue. */
export function QueueEntry({
  entry,
  staffConsole,
  busy,
}: {
  entry: LobbyEntry;
  staffConsole: StaffConsole;
  busy: readonly string[];
}) {
  const [open, setOpen] = useState<Open>('none');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | undefined>();
  const name = entry.displayName;
  const headingId = `entry-${entry.id}`;

  async function run(action: () => Promise<void>) {
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (open === 'deny') {
      await run(() => staffConsole.deny(entry.id, text.trim() || undefined));
    } else if (open === 'message' && text.trim()) {
      if (await run(() => staffConsole.message(entry.id, text.trim()))) {
        setSent(t('console.message.sent', { name }));
        setText('');
        setOpen('none');
      }
    }
  }

  return (
    <article className="queue-entry" aria-labelledby={headingId} data-entry-id={entry.id}>
      <h3 id={headingId} className="queue-entry__name">
        {name}
      </h3>
      <p className="queue-entry__visit">{t('console.queue.visit', { title: entry.visitTitle })}</p>
      <p className="queue-entry__since">
        {t('console.queue.since', { time: formatDateTime(entry.createdAt) })}
      </p>
      {!entry.online && <p className="queue-entry__offline">{t('console.queue.offline')}</p>}
      {error && <Notice tone="error">{error}</Notice>}
      {sent && <p role="status">{sent}</p>}
      <div className="queue-entry__actions">
        <Button
          busy={busy.includes(`admit:${entry.id}`)}
          aria-label={t('console.admit.label', { name })}
          onClick={() => void run(() => staffConsole.admit(entry.id))}
        >
          {t('console.admit')}
        </Button>
        <Button
          variant="secondary"
          aria-expanded={open === 'deny'}
          aria-label={t('console.deny.label', { name })}
          onClick={() => setOpen(open === 'deny' ? 'none' : 'deny')}
        >
          {t('console.deny')}
        </Button>
        <Button
          variant="secondary"
          aria-expanded={open === 'message'}
          onClick={() => setOpen(open === 'message' ? 'none' : 'message')}
        >
          {t('console.message')}
        </Button>
      </div>
      {open !== 'none' && (
        <form className="form queue-entry__form" onSubmit={submit}>
          <TextField
            label={
              open === 'deny'
                ? t('console.deny.reason', { name })
                : t('console.message.label', { name })
            }
            value={text}
            maxLength={open === 'deny' ? 300 : 500}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
          <Button
            type="submit"
            variant={open === 'deny' ? 'danger' : 'primary'}
            busy={busy.includes(`${open}:${entry.id}`)}
          >
            {open === 'deny' ? t('console.deny.confirm') : t('console.message.send')}
          </Button>
        </form>
      )}
    </article>
  );
}
