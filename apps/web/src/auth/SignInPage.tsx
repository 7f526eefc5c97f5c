// Staff sign-in: email and password, with plain-language errors.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SignInBody } from '@openconnect/contracts';
import { errorMessage } from '../api/errorMessage.ts';
import { t } from '../i18n/t.ts';
import { navigate } from '../router/history.ts';
import { paths } from '../router/routes.ts';
import { Button } from '../ui/Button.tsx';
import { Layout } from '../ui/Layout.tsx';
import { Notice } from '../ui/Notice.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { TextField } from '../ui/TextField.tsx';
import { session } from './session.ts';

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Checks the form before asking the server; the server still decides. */
function checkForm(email: string, password: string): FieldErrors {
  const result = SignInBody.safeParse({ email: email.trim(), password });
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    if (issue.path[0] === 'email') errors.email = t('signIn.error.email');
    if (issue.path[0] === 'password') errors.password = t('signIn.error.password');
  }
  return errors;
}

/** The sign-in page; `next` is where to go afterwards. */
export default function SignInPage({ next }: { next: string | undefined }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Someone already signed in has nothing to do here.
    let active = true;
    session.load().then(
      (state) => {
        if (active && state.status === 'signedIn')
          navigate(next ?? paths.home(), { replace: true });
      },
      () => undefined, // The form still works; signing in will report any problem.
    );
    return () => {
      active = false;
    };
  }, [next]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const errors = checkForm(email, password);
    setFieldErrors(errors);
    setFormError(undefined);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    setBusy(true);
    try {
      await session.signIn({ email: email.trim(), password });
      navigate(next ?? paths.home(), { replace: true });
    } catch (error) {
      setFormError(
        errorMessage(error, {
          UNAUTHENTICATED: 'signIn.error.credentials',
          RATE_LIMITED: 'signIn.error.rateLimited',
        }),
      );
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
          spellCheck={false}
          required
          value={email}
          error={fieldErrors.email}
          onChange={(event) => setEmail(event.target.value)}
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
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" busy={busy} busyLabel={t('signIn.submitting')}>
          {t('signIn.submit')}
        </Button>
      </form>
    </Layout>
  );
}
