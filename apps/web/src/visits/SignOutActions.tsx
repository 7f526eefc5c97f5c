// The dashboard header's "signed in as" and sign-out button.
import { useState } from 'react';
import { errorMessage } from '../api/errorMessage.ts';
import { session } from '../auth/session.ts';
import { t } from '../i18n/t.ts';
import { navigate } from '../router/history.ts';
import { paths } from '../router/paths.ts';
import { Button } from '../ui/Button.tsx';

/** Who is signed in and a button to sign out; a failed sign-out goes to `onFailed` as a sentence. */
export function SignOutActions({
  name,
  onFailed,
}: {
  name: string;
  onFailed: (message: string) => void;
}) {
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await session.signOut();
      navigate(paths.signIn(), { replace: true });
    } catch (error) {
      onFailed(errorMessage(error));
      setSigningOut(false);
    }
  }

  return (
    <>
      <span className="app-header__who">{t('dashboard.signedInAs', { name })}</span>
      <Button
        variant="secondary"
        busy={signingOut}
        busyLabel={t('dashboard.signingOut')}
        onClick={signOut}
      >
        {t('dashboard.signOut')}
      </Button>
    </>
  );
}
