// useLiveKitCall: binds a LiveKitCall to React. The call logic lives in livekit-call.ts; this hook
// only creates the call for a set of credentials, connects it while mounted and mirrors its store.
import { useLayoutEffect, useMemo } from 'react';
import type { MediaChoice } from '../../lobby/devices.ts';
import { useStore } from '../../store/useStore.ts';
import { LiveKitCall, type LiveKitCallState, type LiveKitCredentials } from './livekit-call.ts';

export interface UseLiveKitCall extends LiveKitCallState {
  /** The call, for its actions (send, leave, rejoin, nameOf) and events (data, recording, error). */
  call: LiveKitCall;
}

/** Joins the LiveKit room the credentials are for; leaves on unmount or new credentials. */
export function useLiveKitCall(
  credentials: LiveKitCredentials,
  media?: MediaChoice,
  beforePublish?: (recording: boolean) => Promise<boolean>,
): UseLiveKitCall {
  const call = useMemo(
    () => new LiveKitCall({ credentials, media, beforePublish }),
    // The devices are those chosen before joining; a later change is made in the call's menus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [credentials],
  );
  // A layout effect: the call starts connecting once the room is in the page, not after the
  // browser has painted it (a few hundred milliseconds on a busy phone).
  useLayoutEffect(() => {
    call.connect();
    return () => call.close();
  }, [call]);
  const state = useStore(call.store);
  return { call, ...state };
}
