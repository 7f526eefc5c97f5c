// The app's one way to ask "are you sure?" before something that cannot be undone (ending a visit,
// removing someone from it, switching LiveKit off): a question, what happens, and a yes and a
// cancel button, shown in place of the button that asked. Named by its question for screen readers.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../i18n/t.ts';
import { Button } from './Button.tsx';
import './confirm-group.css';

interface ConfirmGroupProps {
  question: string;
  /** What saying yes will do, under the question. */
  consequence?: string;
  /** A choice that changes what yes does (a checkbox), between the consequence and the buttons. */
  children?: ReactNode;
  /** The yes button's label ("End visit", "Remove"). */
  confirmLabel: string;
  /** While the yes is being carried out. */
  busy?: boolean;
  busyLabel?: string;
  onConfirm(): void;
  onCancel(): void;
  /** Moves focus to the question when shown, for a question that replaced the focused button. */
  focusQuestion?: boolean;
  className?: string;
}

/** A confirmation: the question, then yes (danger) and cancel. */
export function ConfirmGroup(props: ConfirmGroupProps) {
  const id = useId();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const { focusQuestion = false } = props;
  useEffect(() => {
    if (focusQuestion) questionRef.current?.focus();
  }, [focusQuestion]);

  return (
    <div
      className={['confirm', props.className].filter(Boolean).join(' ')}
      role="group"
      aria-labelledby={`${id}-question`}
      aria-describedby={props.consequence ? `${id}-consequence` : undefined}
    >
      <p
        id={`${id}-question`}
        ref={questionRef}
        tabIndex={focusQuestion ? -1 : undefined}
        className="confirm__question"
      >
        {props.question}
      </p>
      {props.consequence && (
        <p id={`${id}-consequence`} className="confirm__consequence">
          {props.consequence}
        </p>
      )}
      {props.children}
      <Button
        variant="danger"
        busy={props.busy}
        busyLabel={props.busyLabel}
        onClick={props.onConfirm}
      >
        {props.confirmLabel}
      </Button>
      <Button variant="secondary" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}
