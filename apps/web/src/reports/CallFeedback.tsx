// "How was the call?" on the call's end screens: a rating from 1 to 5, what went wrong, a comment,
// each optional, and Skip. Self-contained: it finds where to send from the page it is on
// (feedback-target.ts) and renders nothing on a page without a call. Once sent or skipped it
// says so, and focus moves to that message. It also sends the call's record (call-record.ts).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { sendCallRecord } from './call-record.ts';
import { feedbackTarget, type FeedbackTarget } from './feedback-target.ts';
import './call-feedback.css';

/** The tags, in the order they are offered (the contract's FeedbackTag). */
const TAGS = ['could_not_hear', 'could_not_see', 'call_dropped', 'hard_to_join'] as const;
type Tag = (typeof TAGS)[number];
const RATINGS = [1, 2, 3, 4, 5] as const;
/** The contract's FEEDBACK_COMMENT_MAX (the zod schemas stay out of the call's bundle). */
const COMMENT_MAX = 500;

type Phase = 'asking' | 'sending' | 'sent' | 'skipped';

/** Sends the feedback; resolves when the server kept it. */
async function send(target: FeedbackTarget, body: unknown): Promise<void> {
  const response = await fetch(`${target.base}/feedback`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...target.headers },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`feedback refused: ${response.status}`);
}

interface CallFeedbackProps {
  /** Why the call ended, when it ended on its own (`network`: the call was lost). */
  endReason?: string | null;
  /** The page's path; the browser's by default. */
  pathname?: string;
}

/**
 * The feedback form of the call that just ended on this page. Also sends, once, the call record
 * the call's telemetry noted (call-record.ts).
 */
export function CallFeedback({ endReason, pathname }: CallFeedbackProps) {
  const [target] = useState(() => feedbackTarget(pathname ?? window.location.pathname));
  const id = useId();
  const [rating, setRating] = useState<number | null>(null);
  const [tags, setTags] = useState<readonly Tag[]>([]);
  const [comment, setComment] = useState('');
  const [phase, setPhase] = useState<Phase>('asking');
  const [problem, setProblem] = useState<string | undefined>();
  const doneRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (target) sendCallRecord(target, endReason === 'network');
    // Once per end screen: the record is of the call that just ended.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (phase === 'sent' || phase === 'skipped') doneRef.current?.focus();
  }, [phase]);

  if (!target) return null;
  if (phase === 'sent' || phase === 'skipped') {
    return (
      <p ref={doneRef} tabIndex={-1} className="call-feedback__done" role="status">
        {t(phase === 'sent' ? 'feedback.thanks' : 'feedback.skipped')}
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = comment.trim();
    if (rating === null && tags.length === 0 && !text) {
      setProblem(t('feedback.empty'));
      return;
    }
    setPhase('sending');
    setProblem(undefined);
    try {
      await send(target!, { rating, tags, comment: text || null });
      setPhase('sent');
    } catch {
      setProblem(t('feedback.failed'));
      setPhase('asking');
    }
  }

  const toggle = (tag: Tag) =>
    setTags((now) => (now.includes(tag) ? now.filter((x) => x !== tag) : [...now, tag]));

  return (
    <section className="call-feedback" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('feedback.title')}</h2>
      <p className="call-feedback__intro">{t('feedback.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="call-feedback__group">
          <legend>{t('feedback.rating')}</legend>
          <div className="call-feedback__choices">
            {RATINGS.map((n) => (
              <label key={n} className="call-feedback__choice">
                <input
                  type="radio"
                  name={`${id}-rating`}
                  value={n}
                  checked={rating === n}
                  onChange={() => setRating(n)}
                />
                {t(`feedback.rating.${n}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="call-feedback__group">
          <legend>{t('feedback.tags')}</legend>
          <div className="call-feedback__choices">
            {TAGS.map((tag) => (
              <label key={tag} className="call-feedback__choice">
                <input
                  type="checkbox"
                  name="tags"
                  value={tag}
                  checked={tags.includes(tag)}
                  onChange={() => toggle(tag)}
                />
                {t(`feedback.tag.${tag}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-comment`}>
            {t('feedback.comment')}
          </label>
          <textarea
            id={`${id}-comment`}
            className="field__input call-feedback__comment"
            maxLength={COMMENT_MAX}
            rows={3}
            value={comment}
            aria-describedby={`${id}-left`}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <p className="field__hint" id={`${id}-left`}>
            {t('feedback.comment.left', { count: COMMENT_MAX - comment.length })}
          </p>
        </div>
        {problem && (
          <p className="call-feedback__problem" role="alert">
            {problem}
          </p>
        )}
        <div className="call-feedback__actions">
          <Button type="submit" busy={phase === 'sending'} busyLabel={t('feedback.sending')}>
            {t('feedback.send')}
          </Button>
          <Button variant="secondary" onClick={() => setPhase('skipped')}>
            {t('feedback.skip')}
          </Button>
        </div>
      </form>
    </section>
  );
}
