// "Send by email" under an invite link: one address, sent through the server, and an honest
// answer — sent to whom (masked), or that this server only logs because email is not set up.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { sendInvite } from './send-invite-api.ts';

type Outcome = { tone: 'success' | 'info' | 'error'; text: string };

/** The email form of one invite link, closed until staff open it. */
export function SendInviteForm({ inviteId }: { inviteId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = to.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setInvalid(true);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setInvalid(false);
    try {
      const result = await sendInvite(inviteId, { channel: 'email', to: address });
      setOutcome(
        result.outcome === 'sent'
          ? { tone: 'success', text: t('invite.send.sent', { to: result.to }) }
          : { tone: 'info', text: t('invite.send.logged') },
      );
      setTo('');
      setOpen(false);
      openRef.current?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setInvalid(true);
        inputRef.current?.focus();
      } else {
        setOutcome({ tone: 'error', text: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="invite-send">
      {open ? (
        <form className="invite-send__form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="field__label" htmlFor={`${id}-to`}>
            {t('invite.send.label')}
          </label>
          <p className="field__hint" id={`${id}-hint`}>
            {t('invite.send.hint')}
          </p>
          {invalid && (
            <p className="field__error" id={`${id}-error`}>
              {t('invite.send.invalid')}
            </p>
          )}
          <div className="invite-link__row">
            <input
              ref={inputRef}
              id={`${id}-to`}
              className="field__input"
              type="email"
              inputMode="email"
              autoComplete="off"
              value={to}
              aria-invalid={invalid || undefined}
              aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
              onChange={(e) => {
                setTo(e.currentTarget.value);
                // The message was about what was there before; it goes once they type.
                setInvalid(false);
              }}
            />
            <Button type="submit" busy={busy} busyLabel={t('invite.send.busy')}>
              {t('invite.send.submit')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button
          ref={openRef}
          variant="secondary"
          onClick={() => {
            setOutcome(undefined);
            setOpen(true);
          }}
        >
          {t('invite.send.open')}
        </Button>
      )}
      {outcome && (
        <Notice tone={outcome.tone} onDismiss={() => setOutcome(undefined)}>
          {outcome.text}
        </Notice>
      )}
    </div>
  );
}
