// One visitor waiting to join: who, for which visit, since when; let in, turn away, and the
// conversation with them (EntryThread.tsx, shared with the call's queue).
import { useState, type FormEvent } from 'react';
import type { LobbyEntry } from '@openconnect/contracts';
import { waitingFor } from '../i18n/relative-time.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { queueErrorMessage } from './queue-errors.ts';
import { MoveEntry } from './MoveEntry.tsx';
import { RoleLabel } from './RoleLabel.tsx';
import { TextField } from '../ui/TextField.tsx';
import { EntryThread } from './EntryThread.tsx';
import { PrecallSummaryLine } from './PrecallSummary.tsx';
import type { StaffConsole } from './staff-console.ts';
import { useClock } from './useClock.ts';
import { focusOnMount } from '../ui/focus-on-mount.ts';

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
      setError(queueErrorMessage(e));
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (open === 'deny') await run(() => staffConsole.deny(entry.id, text.trim() || undefined));
  }

  return (
    <article className="queue-entry" aria-labelledby={headingId} data-entry-id={entry.id}>
      <QueueEntryHeader entry={entry} headingId={headingId} />
      {error && <Notice tone="error">{error}</Notice>}
      {sent && <p role="status">{sent}</p>}
      <PrecallSummaryLine report={entry.precall} />
      <QueueEntryButtons
        name={name}
        open={open}
        admitting={busy.includes(`admit:${entry.id}`)}
        onAdmit={() => void run(() => staffConsole.admit(entry.id))}
        onToggle={(form) => setOpen(open === form ? 'none' : form)}
      />
      <MoveEntry entry={entry} staffConsole={staffConsole} />
      <EntryThread
        entry={entry}
        staffConsole={staffConsole}
        composing={open === 'message'}
        onSent={() => {
          setSent(t('console.message.sent', { name }));
          setOpen('none');
        }}
      />
      {open === 'deny' && (
        <DenyForm
          name={name}
          text={text}
          busy={busy.includes(`deny:${entry.id}`)}
          onText={setText}
          onSubmit={submit}
        />
      )}
    </article>
  );
}

/** Who is waiting, for which visit, since when, and whether their page is still open. */
function QueueEntryHeader({ entry, headingId }: { entry: LobbyEntry; headingId: string }) {
  const waited = waitingFor(entry.createdAt, useClock());
  return (
    <>
      <h3 id={headingId} className="queue-entry__name">
        {entry.displayName}
      </h3>
      <RoleLabel role={entry.role} />
      <p className="queue-entry__visit">{t('console.queue.visit', { title: entry.visitTitle })}</p>
      <p className="queue-entry__since">
        <time dateTime={entry.createdAt} title={waited.exact}>
          {waited.text}
        </time>
      </p>
      {!entry.online && <p className="queue-entry__offline">{t('console.queue.offline')}</p>}
    </>
  );
}

interface QueueEntryButtonsProps {
  name: string;
  /** The form open below the buttons, if any. */
  open: Open;
  admitting: boolean;
  onAdmit(): void;
  onToggle(form: Exclude<Open, 'none'>): void;
}

/** Let in at once; turn away or message, each opening its form below. */
function QueueEntryButtons({ name, open, admitting, onAdmit, onToggle }: QueueEntryButtonsProps) {
  return (
    <div className="queue-entry__actions">
      <Button busy={admitting} aria-label={t('console.admit.label', { name })} onClick={onAdmit}>
        {t('console.admit')}
      </Button>
      <Button
        variant="secondary"
        aria-expanded={open === 'deny'}
        aria-label={t('console.deny.label', { name })}
        onClick={() => onToggle('deny')}
      >
        {t('console.deny')}
      </Button>
      <Button
        variant="secondary"
        aria-expanded={open === 'message'}
        onClick={() => onToggle('message')}
      >
        {t('console.message')}
      </Button>
    </div>
  );
}

interface DenyFormProps {
  /** The visitor's name, for the field's label. */
  name: string;
  text: string;
  busy: boolean;
  onText(text: string): void;
  onSubmit(event: FormEvent): void;
}

/** The reason to turn a visitor away (messages are written in EntryThread). */
function DenyForm({ name, text, busy, onText, onSubmit }: DenyFormProps) {
  return (
    <form className="form queue-entry__form" onSubmit={onSubmit}>
      <TextField
        label={t('console.deny.reason', { name })}
        value={text}
        maxLength={300}
        onChange={(e) => onText(e.currentTarget.value)}
        ref={focusOnMount}
      />
      <Button type="submit" variant="danger" busy={busy}>
        {t('console.deny.confirm')}
      </Button>
    </form>
  );
}
