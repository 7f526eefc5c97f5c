// The facility's canned messages, edited by its administrators on the dashboard: one message per
// line in a text box, saved as a whole (the server keeps the list and audits the change).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { Button } from '../ui/Button.tsx';
import { Notice } from '../ui/Notice.tsx';
import { cannedMessagesApi } from './canned-messages-api.ts';
import { cannedLines, CANNED_MAX, CANNED_PER_FACILITY } from './canned-lines.ts';

/** The canned-messages editor of one facility. */
export function CannedMessagesPanel({ facilityId }: { facilityId: string }) {
  const id = useId();
  const [text, setText] = useState<string | undefined>();
  const [customised, setCustomised] = useState(true);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();

  useEffect(() => {
    let live = true;
    cannedMessagesApi.get(facilityId).then(
      (canned) => {
        if (!live) return;
        setText(canned.messages.join('\n'));
        setCustomised(canned.customised);
      },
      (error: unknown) => live && setNotice({ tone: 'error', text: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [facilityId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const lines = cannedLines(text ?? '');
    if (!lines) {
      setNotice({
        tone: 'error',
        text: t('canned.tooMany', { count: CANNED_PER_FACILITY, max: CANNED_MAX }),
      });
      return;
    }
    setBusy(true);
    setNotice(undefined);
    try {
      const saved = await cannedMessagesApi.save(facilityId, lines);
      setText(saved.messages.join('\n'));
      setCustomised(true);
      setNotice({ tone: 'success', text: t('canned.saved') });
    } catch (error) {
      setNotice({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel canned-messages" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('canned.title')}</h2>
      <p>{t('canned.intro')}</p>
      {text !== undefined && (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-text`}>
              {t('canned.label', { count: CANNED_PER_FACILITY })}
            </label>
            {!customised && (
              <p className="field__hint" id={`${id}-hint`}>
                {t('canned.defaults')}
              </p>
            )}
            <textarea
              id={`${id}-text`}
              className="field__input"
              rows={5}
              value={text}
              aria-describedby={customised ? undefined : `${id}-hint`}
              onChange={(e) => setText(e.currentTarget.value)}
            />
          </div>
          {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
          <Button type="submit" busy={busy}>
            {t('canned.save')}
          </Button>
        </form>
      )}
      {text === undefined && notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
    </section>
  );
}
