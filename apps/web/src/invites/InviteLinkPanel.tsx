// A visit's invite link for staff: the link itself (selectable), a copy button, who it is for and
// its expiry, and making a new link for one person or a shared (family) one.
import { useEffect, useId, useRef, useState } from 'react';
import type { Invite, InviteKind } from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { LiveMessage } from '../ui/Notice.tsx';
import { copyText } from './clipboard.ts';
import { SendInviteForm } from './SendInviteForm.tsx';
import './invites.css';

interface InviteLinkPanelProps {
  invite: Invite;
  visitTitle: string;
  /** Makes a new link of the chosen kind; this panel is then shown for the new link. */
  onNewLink: (kind: InviteKind) => Promise<void>;
  /** The link was just made here: focus it, so staff hear which link it is. */
  justMade?: boolean;
}

const KINDS = ['personal', 'shared'] as const satisfies readonly InviteKind[];
const kindLabel = (kind: InviteKind) => t(`invite.kind.${kind}`);
const kindHint = (kind: InviteKind) => t(`invite.kind.${kind}.hint`);

/** The invite link of one visit, ready to copy. */
export function InviteLinkPanel({ invite, visitTitle, onNewLink, justMade }: InviteLinkPanelProps) {
  const [message, setMessage] = useState('');
  const [choosing, setChoosing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `invite-${invite.id}`;
  const kindId = `invite-kind-${invite.id}`;

  useEffect(() => {
    if (justMade) inputRef.current?.focus();
  }, [justMade]);

  async function copy() {
    if (await copyText(invite.url)) {
      setMessage(t('invite.copied'));
    } else {
      inputRef.current?.select();
      inputRef.current?.focus();
      setMessage(t('invite.copyFailed'));
    }
  }

  return (
    <div className="invite-link">
      <label className="field__label" htmlFor={inputId}>
        {t('invite.label', { title: visitTitle })}
      </label>
      <div className="invite-link__row">
        <input
          ref={inputRef}
          id={inputId}
          className="field__input invite-link__url"
          type="text"
          readOnly
          value={invite.url}
          aria-describedby={kindId}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="invite-url"
        />
        <Button onClick={copy}>{t('invite.copy')}</Button>
      </div>
      <p className="field__hint" id={kindId} data-invite-kind={invite.kind}>
        <strong>{t('invite.kind.current', { kind: kindLabel(invite.kind) })}</strong>{' '}
        {kindHint(invite.kind)}
      </p>
      <p className="field__hint">
        {t('invite.expires', { when: formatDateTime(invite.expiresAt) })}{' '}
        {!choosing && (
          <Button variant="link" onClick={() => setChoosing(true)}>
            {t('invite.newLink')}
          </Button>
        )}
      </p>
      <SendInviteForm key={invite.id} inviteId={invite.id} />
      {choosing && (
        <NewLinkChoice
          initial={invite.kind}
          onMake={onNewLink}
          onCancel={() => setChoosing(false)}
        />
      )}
      <LiveMessage message={message} />
    </div>
  );
}

interface NewLinkChoiceProps {
  initial: InviteKind;
  onMake: (kind: InviteKind) => Promise<void>;
  onCancel: () => void;
}

/** Who the new link is for, each kind with what it means, then make it or cancel. */
function NewLinkChoice({ initial, onMake, onCancel }: NewLinkChoiceProps) {
  const [kind, setKind] = useState<InviteKind>(initial);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const legendRef = useRef<HTMLLegendElement>(null);
  useEffect(() => legendRef.current?.focus(), []);

  async function make() {
    setBusy(true);
    try {
      await onMake(kind);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="invite-kind">
      <legend ref={legendRef} tabIndex={-1} className="invite-kind__legend">
        {t('invite.kind.legend')}
      </legend>
      {KINDS.map((option) => (
        <div key={option} className="invite-kind__option">
          <input
            id={`${id}-${option}`}
            type="radio"
            name={`${id}-kind`}
            value={option}
            checked={kind === option}
            onChange={() => setKind(option)}
            aria-describedby={`${id}-${option}-hint`}
          />
          <label htmlFor={`${id}-${option}`} className="invite-kind__label">
            {kindLabel(option)}
          </label>
          <p id={`${id}-${option}-hint`} className="field__hint invite-kind__hint">
            {kindHint(option)}
          </p>
        </div>
      ))}
      <div className="invite-kind__actions">
        <Button busy={busy} onClick={() => void make()}>
          {t('invite.kind.create')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </fieldset>
  );
}
