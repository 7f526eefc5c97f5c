// The queue inside the host's call: who is waiting for this visit and for the facility's other
// visits, each with let in, turn away and message. The console's own state and actions (a
// StaffConsole shared with the console page), laid out for a side panel.
import { useState, type FormEvent } from 'react';
import type { LobbyEntry } from '@openconnect/contracts';
import { waitingFor } from '../i18n/relative-time.ts';
import { t } from '../i18n/t.ts';
import { paths } from '../router/paths.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { queueErrorMessage } from './queue-errors.ts';
import { MoveEntry } from './MoveEntry.tsx';
import { RoleLabel } from './RoleLabel.tsx';
import { TextField } from '../ui/TextField.tsx';
import { PrecallSummaryLine } from './PrecallSummary.tsx';
import './console.css';
import { EntryThread } from './EntryThread.tsx';
import type { StaffConsole } from './staff-console.ts';
import { useClock } from './useClock.ts';
import { focusOnMount } from '../ui/focus-on-mount.ts';

/** Entries waiting for `visitId`, and for the facility's other visits. */
export function splitQueue(queue: readonly LobbyEntry[], visitId: string) {
  return {
    here: queue.filter((e) => e.visitId === visitId),
    elsewhere: queue.filter((e) => e.visitId !== visitId),
  };
}

/** The call's queue panel. */
export function CallQueue({
  staffConsole,
  visitId,
  facilityId,
}: {
  staffConsole: StaffConsole;
  visitId: string;
  facilityId: string;
}) {
  const state = useStore(staffConsole.store);
  const now = useClock();
  const { here, elsewhere } = splitQueue(state.queue, visitId);
  const row = (entry: LobbyEntry, showVisit: boolean) => (
    <li key={entry.id}>
      <CallQueueEntry
        entry={entry}
        showVisit={showVisit}
        now={now}
        busy={state.busy}
        staffConsole={staffConsole}
      />
    </li>
  );
  return (
    <div className="call-queue">
      <p className="call-queue__summary">
        {t('call.queue.summary', { visit: here.length, facility: state.queue.length })}
      </p>
      <section aria-labelledby="call-queue-here">
        <h3 id="call-queue-here">{t('call.queue.thisVisit')}</h3>
        {here.length === 0 ? (
          <p>{t('call.queue.nobody')}</p>
        ) : (
          <ul className="call-queue__list">{here.map((e) => row(e, false))}</ul>
        )}
      </section>
      <section aria-labelledby="call-queue-elsewhere">
        <h3 id="call-queue-elsewhere">{t('call.queue.otherVisits')}</h3>
        {elsewhere.length === 0 ? (
          <p>{t('call.queue.nobodyElse')}</p>
        ) : (
          <ul className="call-queue__list">{elsewhere.map((e) => row(e, true))}</ul>
        )}
      </section>
      <a
        className="call-queue__console"
        href={paths.console(facilityId)}
        target="_blank"
        rel="noopener"
      >
        {t('call.queue.openConsole')}
      </a>
    </div>
  );
}

type Form = 'none' | 'deny' | 'message';

interface EntryProps {
  entry: LobbyEntry;
  showVisit: boolean;
  now: number;
  busy: readonly string[];
  staffConsole: StaffConsole;
}

/** One waiting visitor: name, how long, and what staff can do. */
function CallQueueEntry({ entry, showVisit, now, busy, staffConsole }: EntryProps) {
  const [form, setForm] = useState<Form>('none');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const name = entry.displayName;
  const waited = waitingFor(entry.createdAt, now);
  const headingId = `call-entry-${entry.id}`;

  async function run(action: () => Promise<void>): Promise<boolean> {
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
    const trimmed = text.trim();
    if (form === 'deny') await run(() => staffConsole.deny(entry.id, trimmed || undefined));
  }

  const toggle = (next: Exclude<Form, 'none'>) => setForm(form === next ? 'none' : next);
  return (
    <article className="call-entry" aria-labelledby={headingId} data-entry-id={entry.id}>
      <h4 id={headingId} className="call-entry__name">
        {name}
      </h4>
      <RoleLabel role={entry.role} />
      {showVisit && <p>{t('call.queue.forVisit', { title: entry.visitTitle })}</p>}
      <p>
        <time dateTime={entry.createdAt} title={waited.exact}>
          {waited.text}
        </time>
        {!entry.online && <> · {t('console.queue.offline')}</>}
      </p>
      {error && <Notice tone="error">{error}</Notice>}
      {sent && <p>{t('call.queue.messageSent', { name })}</p>}
      <PrecallSummaryLine report={entry.precall} />
      <div className="call-entry__actions">
        <Button
          busy={busy.includes(`admit:${entry.id}`)}
          aria-label={t('console.admit.label', { name })}
          onClick={() => void run(() => staffConsole.admit(entry.id))}
        >
          {t('console.admit')}
        </Button>
        <Button
          variant="secondary"
          aria-expanded={form === 'deny'}
          aria-label={t('console.deny.label', { name })}
          onClick={() => toggle('deny')}
        >
          {t('console.deny')}
        </Button>
        <Button
          variant="secondary"
          aria-expanded={form === 'message'}
          aria-label={t('call.queue.message.label', { name })}
          onClick={() => toggle('message')}
        >
          {t('call.queue.message')}
        </Button>
      </div>
      <MoveEntry entry={entry} staffConsole={staffConsole} />
      <EntryThread
        entry={entry}
        staffConsole={staffConsole}
        composing={form === 'message'}
        onSent={() => {
          setSent(true);
          setForm('none');
        }}
      />
      {form === 'deny' && (
        <form className="form call-entry__form" onSubmit={(e) => void submit(e)}>
          <TextField
            label={t('console.deny.reason', { name })}
            value={text}
            maxLength={300}
            onChange={(e) => setText(e.currentTarget.value)}
            ref={focusOnMount}
          />
          <Button type="submit" variant="danger" busy={busy.includes(`deny:${entry.id}`)}>
            {t('console.deny.confirm')}
          </Button>
        </form>
      )}
    </article>
  );
}
