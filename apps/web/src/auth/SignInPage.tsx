// Staff sign-in: email and password, with plain-language errors.
import { useRef, useState, type FormEvent } from 'react';
import { t } from '../i18n/t.ts';
import { navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import { Button } from '../ui/Button.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { TextField } from '../ui/TextField.tsx';
import { session } from './session.ts';
import { checkSignInForm, signInErrorMessage, type SignInFieldErrors } from './sign-in-form.ts';
import { useLeaveIfSignedIn } from './useLeaveIfSignedIn.ts';

// Over 60 lines only by listing the form's two fields; its checks are in sign-in-form.ts.
/** The sign-in page; `next` is where to go afterwards. */
export default function SignInPage({ next }: { next: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useLeaveIfSignedIn(next);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const errors = checkSignInForm(email, password);
    setFieldErrors(errors);
    setFormError(undefined);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    setBusy(true);
    try {
      await session.signIn({ email: email.trim(), password });
      navigate(next ?? paths.home(), { replace: true });
    } catch (error) {
      setFormError(signInErrorMessage(error));
      setBusy(false);
    }
  }

  return (
    <Layout>
      <PageHeading title={t('signIn.title')} />
      <p className="lead">{t('signIn.intro')}</p>
      {formError && <Notice tone="error">{formError}</Notice>}
      <form className="form" noValidate onSubmit={submit}>
        <TextField
          ref={emailRef}
          label={t('signIn.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          spellcheck={false}
          required
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <TextField
          ref={passwordRef}
          label={t('signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={fieldErrors.password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button type="submit" busy={busy} busyLabel={t('signIn.submitting')}>
          {t('signIn.submit')}
        </Button>
      </form>
    </Layout>
  );
}
