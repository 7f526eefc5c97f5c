// ICE helpers: the SFU puts its (host-only) candidates into its SDP instead of trickling them, so
// the description is sent once gathering completes, and client candidates arrive as JSON strings.
import type { RTCPeerConnection } from 'werift';

/** Resolves when the connection has gathered its candidates, or after `timeoutMs`. */
export async function gatheringComplete(pc: RTCPeerConnection, timeoutMs = 2000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') done();
    });
    function done(): void {
      clearTimeout(timer);
      unSubscribe();
      resolve();
    }
  });
}

/** Adds a trickled candidate (LiveKit sends `RTCIceCandidateInit` as JSON); ignores bad ones. */
export async function addTrickledCandidate(
  pc: RTCPeerConnection,
  candidateInit: string,
): Promise<void> {
  let parsed: { candidate?: string; sdpMid?: string; sdpMLineIndex?: number } | undefined;
  try {
    parsed = JSON.parse(candidateInit) as typeof parsed;
  } catch {
    return;
  }
  if (!parsed?.candidate) return;
  await pc
    .addIceCandidate({
      candidate: parsed.candidate,
      sdpMid: parsed.sdpMid,
      sdpMLineIndex: parsed.sdpMLineIndex,
    })
    .catch(() => undefined);
}
