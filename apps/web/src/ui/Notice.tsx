// A message in a live region: errors interrupt (role="alert"), everything else waits its turn
// (role="status"). Notices stay until dismissed or replaced; nothing vanishes on a timer.
import type { ReactNode } from 'react';
import { t } from '../i18n/t.ts';

interface NoticeProps {
  tone: 'info' | 'success' | 'error';
  children: ReactNode;
  onDismiss?: () => void;
  /** A heading-like first line, e.g. "This link no longer works". */
  title?: string;
}

/** A notice box. */
export function Notice({ tone, title, children, onDismiss }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        {title && <p className="notice__title">{title}</p>}
        <div>{children}</div>
      </div>
      {onDismiss && (
        <button type="button" className="button button--link notice__dismiss" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      )}
    </div>
  );
}

/** An empty-until-needed live region for short async announcements ("Link copied"). */
export function LiveMessage({ message }: { message: string }) {
  return (
    // role="status" is a polite live region by definition.
    <p className="live-message" role="status">
      {message}
    </p>
  );
}
