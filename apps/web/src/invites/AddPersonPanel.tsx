// "Add someone to this call", in the host's side panel: who (interpreter, relative, colleague),
// whether they wait or are let in on arrival, then the link to copy or send. A full call is said
// plainly, with the provider's limit, before and after trying.
import { useEffect, useId, useRef, useState } from 'react';
import type { AddedPerson, CallCapacity } from '@openconnect/contracts';
import { INVITE_ROLES, type InviteRole } from '@openconnect/contracts/invite-roles';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { LiveMessage, Notice } from '../ui/Notice.tsx';
import { addPerson, callCapacity } from './add-person-api.ts';
import { copyText } from './clipboard.ts';
import { SendInviteForm } from './SendInviteForm.tsx';
import './invites.css';
import './add-person.css';

const roleLabel = (role: InviteRole) => t(`room.role.${role}`);
/** How often the "places in use" hint is read again while the panel is open. */
const CAPACITY_REFRESH_MS = 10_000;

/** The words for a refusal: a full call with its numbers, an ended visit, or the usual. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ROOM_FULL') {
    const c = error.details as Partial<CallCapacity> | undefined;
    return t('call.add.full', {
      max: c?.max ?? '?',
      present: c?.present ?? '?',
      pending: c?.pending ?? 0,
    });
  }
  return errorMessage(error, { GONE: 'call.add.ended' });
}

/** The panel's section for adding one person at a time to the visit's call. */
export function AddPersonPanel({ visitId }: { visitId: string }) {
  const id = useId();
  const [role, setRole] = useState<InviteRole>('interpreter');
  const [admitOnArrival, setAdmitOnArrival] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [added, setAdded] = useState<AddedPerson | undefined>();
  const [capacity, setCapacity] = useState<CallCapacity | undefined>();
  // Closed until asked for, so the queue below stays in view.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const read = () =>
      callCapacity(visitId).then(
        (c) => cancelled || setCapacity(c),
        () => undefined, // Only a hint: creating the link says the same when it matters.
      );
    void read();
    // People come and go: the hint follows them without a push of its own.
    const timer = setInterval(() => void read(), CAPACITY_REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [visitId, added]);

  async function create() {
    setBusy(true);
    setError(undefined);
    try {
      setAdded(await addPerson(visitId, { role, admitOnArrival, expiresInMinutes: 120 }));
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="add-person" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('call.add.title')}</h3>
      {capacity && (
        <p className="field__hint" data-testid="call-capacity">
          {t('call.add.capacity', {
            present: capacity.present,
            max: capacity.max,
            pending: capacity.pending,
          })}
        </p>
      )}
      {added ? (
        <AddedLink added={added} onAnother={() => setAdded(undefined)} />
      ) : !open ? (
        <Button variant="secondary" aria-expanded={false} onClick={() => setOpen(true)}>
          {t('call.add.open')}
        </Button>
      ) : (
        <div className="add-person__form">
          <p className="field__hint">{t('call.add.hint')}</p>
          <fieldset className="invite-kind">
            <legend className="invite-kind__legend">{t('call.add.role')}</legend>
            {INVITE_ROLES.map((option) => (
              <div key={option} className="invite-kind__option">
                <input
                  id={`${id}-${option}`}
                  type="radio"
                  name={`${id}-role`}
                  checked={role === option}
                  onChange={() => setRole(option)}
                />
                <label htmlFor={`${id}-${option}`} className="invite-kind__label">
                  {roleLabel(option)}
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset className="invite-kind">
            <legend className="invite-kind__legend">{t('call.add.arrival')}</legend>
            <div className="invite-kind__option">
              <input
                id={`${id}-wait`}
                type="radio"
                name={`${id}-arrival`}
                checked={!admitOnArrival}
                onChange={() => setAdmitOnArrival(false)}
              />
              <label htmlFor={`${id}-wait`} className="invite-kind__label">
                {t('call.add.arrival.wait')}
              </label>
            </div>
            <div className="invite-kind__option">
              <input
                id={`${id}-admit`}
                type="radio"
                name={`${id}-arrival`}
                checked={admitOnArrival}
                onChange={() => setAdmitOnArrival(true)}
                aria-describedby={`${id}-admit-hint`}
              />
              <label htmlFor={`${id}-admit`} className="invite-kind__label">
                {t('call.add.arrival.admit')}
              </label>
              <p id={`${id}-admit-hint`} className="field__hint invite-kind__hint">
                {t('call.add.arrival.admit.hint')}
              </p>
            </div>
          </fieldset>
          {error && <Notice tone="error">{error}</Notice>}
          <div className="add-person__actions">
            <Button busy={busy} busyLabel={t('call.add.creating')} onClick={() => void create()}>
              {t('call.add.create')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The new link: copy it, send it, or add someone else. */
function AddedLink({ added, onAnother }: { added: AddedPerson; onAnother(): void }) {
  const { invite } = added;
  const inputRef = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const inputId = `added-${invite.id}`;
  useEffect(() => inputRef.current?.focus(), []);

  async function copy() {
    if (await copyText(invite.url)) {
      setMessage(t('invite.copied'));
    } else {
      inputRef.current?.select();
      setMessage(t('invite.copyFailed'));
    }
  }

  return (
    <div className="invite-link" data-role={invite.role ?? undefined}>
      <label className="field__label" htmlFor={inputId}>
        {t('call.add.link', { role: roleLabel(invite.role ?? 'colleague').toLowerCase() })}
      </label>
      <div className="invite-link__row">
        <input
          ref={inputRef}
          id={inputId}
          className="field__input invite-link__url"
          type="text"
          readOnly
          value={invite.url}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="added-person-url"
        />
        <Button onClick={() => void copy()}>{t('invite.copy')}</Button>
      </div>
      <p className="field__hint">
        {invite.admitOnArrival ? t('call.add.link.admit') : t('call.add.link.wait')}
      </p>
      <SendInviteForm key={invite.id} inviteId={invite.id} />
      <p>
        <Button variant="link" onClick={onAnother}>
          {t('call.add.another')}
        </Button>
      </p>
      <LiveMessage message={message} />
    </div>
  );
}
