// Where this participant's recording notice is read and answered: a visitor's invite page with
// their waiting-room ticket (the tab keeps it), the host's room page with the staff session —
// the same places as the call's feedback.
import type { AnswerConsentBody, MyConsent } from '@openconnect/contracts';
import { API_BASE, createApiFetch } from '../../api/client.ts';
import { feedbackTarget } from '../../reports/feedback-target.ts';
import type { ConsentApi } from './recording-consent.ts';

/** The notice's API for the call on `pathname`, or undefined on a page with no participant. */
export function consentApiFor(pathname: string = window.location.pathname): ConsentApi | undefined {
  const target = feedbackTarget(pathname);
  if (!target) return undefined;
  const isVisitor = target.base.startsWith(`${API_BASE}/lobby/`);
  const path = `${target.base.slice(API_BASE.length)}/${isVisitor ? 'recording-consent' : 'my-recording-consent'}`;
  const request = createApiFetch((input, init) =>
    fetch(input, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...target.headers },
    }),
  );
  return {
    read: () => request<MyConsent>(path),
    answer: (body: AnswerConsentBody) => request<MyConsent>(path, { method: 'POST', body }),
  };
}
