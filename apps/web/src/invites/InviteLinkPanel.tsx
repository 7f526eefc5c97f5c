// A visit's invite link for staff: the link itself (selectable), a copy button, and its expiry.
import { useRef, useState } from 'react';
import type { Invite } from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { LiveMessage } from '../ui/Notice.tsx';
import { copyText } from './clipboard.ts';

interface InviteLinkPanelProps {
  invite: Invite;
  visitTitle: string;
  onNewLink: () => void;
}

/** The invite link of one visit, ready to copy. */
export function InviteLinkPanel({ invite, visitTitle, onNewLink }: InviteLinkPanelProps) {
  const [message, setMessage] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = `invite-${invite.id}`;

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
          onFocus={(event) => event.currentTarget.select()}
          data-testid="invite-url"
        />
        <Button onClick={copy}>{t('invite.copy')}</Button>
      </div>
      <p className="field__hint">
        {t('invite.expires', { when: formatDateTime(invite.expiresAt) })}{' '}
        <Button variant="link" onClick={onNewLink}>
          {t('invite.newLink')}
        </Button>
      </p>
      <LiveMessage message={message} />
    </div>
  );
}
