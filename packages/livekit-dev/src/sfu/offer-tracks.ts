// Reads which tracks a publisher's offer still sends. LiveKit clients unpublish a track by
// removing its transceiver and renegotiating; there is no signal request for it, so the server
// notices from the offer (as LiveKit's server does).

/** Track ids (the msid's second part) of the offer's m-sections that still send media. */
export function sendingTrackIds(sdp: string): Set<string> {
  const ids = new Set<string>();
  for (const section of sdp.split(/\r?\n(?=m=)/).slice(1)) {
    if (/^m=\w+ 0 /.test(section)) continue;
    const direction = /^a=(sendrecv|sendonly|recvonly|inactive)$/m.exec(section)?.[1] ?? 'sendrecv';
    if (direction !== 'sendrecv' && direction !== 'sendonly') continue;
    for (const match of section.matchAll(/^a=msid:\S+ (\S+)$/gm)) ids.add(match[1]!);
  }
  return ids;
}
