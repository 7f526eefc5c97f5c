// "Move to…" on a waiting visitor: choose another open visit of the facility and move them
// there. The visitor's page follows by itself; they keep their place by arrival time.
import { useId, useState } from 'react';
import type { LobbyEntry } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { useStore } from '../store/useStore.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { withQueueEntry } from './queue-state.ts';
import './transfer.css';
import type { StaffConsole } from './staff-console.ts';
import { transferEntry } from './transfer-api.ts';
import { transferTargets } from './transfer-targets.ts';
import { focusOnMount } from '../ui/focus-on-mount.ts';

/** The move button of one waiting entry, and its form once open. */
export function MoveEntry({
  entry,
  staffConsole,
}: {
  entry: LobbyEntry;
  staffConsole: StaffConsole;
}) {
  const id = useId();
  const visits = useStore(staffConsole.store).visits;
  const targets = transferTargets(entry, visits);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const name = entry.displayName;
  const selected = choice || targets[0]?.id || '';

  async function move() {
    if (!selected) return;
    setBusy(true);
    setError(undefined);
    try {
      const moved = await transferEntry(entry.id, selected);
      // The push says the same to every staff page; this page need not wait for it.
      staffConsole.store.set((s) => ({
        ...withQueueEntry(s, moved),
        announcement: t('console.move.done', { name, title: moved.visitTitle }),
        announcementVisitId: moved.visitId,
      }));
      setOpen(false);
    } catch (e) {
      setError(
        errorMessage(e, {
          FORBIDDEN: 'console.move.otherFacility',
          GONE: 'console.move.ended',
          CONFLICT: 'console.move.notWaiting',
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <Button
        variant="secondary"
        aria-expanded={false}
        aria-label={t('console.move.label', { name })}
        onClick={() => setOpen(true)}
      >
        {t('console.move')}
      </Button>
    );
  }
  return (
    <div className="move-entry">
      {targets.length === 0 ? (
        <p>{t('console.move.none')}</p>
      ) : (
        <form
          className="move-entry__form"
          onSubmit={(e) => {
            e.preventDefault();
            void move();
          }}
        >
          <label className="field__label" htmlFor={`${id}-to`}>
            {t('console.move.to', { name })}
          </label>
          <select
            id={`${id}-to`}
            className="field__input"
            value={selected}
            onChange={(e) => setChoice(e.currentTarget.value)}
            ref={focusOnMount}
          >
            {targets.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
          <Button type="submit" busy={busy}>
            {t('console.move.confirm')}
          </Button>
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </form>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}
