// Corrections to werift's SDP before it goes to a client. werift answers an m-section it will not
// use (a client's pre-allocated receive-only transceiver on the publisher connection) with port 0,
// i.e. "rejected", while still listing it in the BUNDLE group. When that section carries the
// group's first MID, libwebrtc (LiveKit's native SDKs) loses the bundle transport and ICE never
// connects. An inactive section on port 9 says the same thing without breaking the bundle.

/** Re-opens inactive m-sections that werift marked rejected but kept in the BUNDLE group. */
export function keepBundledSectionsOpen(sdp: string): string {
  const bundle = /^a=group:BUNDLE (.*)$/m.exec(sdp)?.[1]?.trim().split(/\s+/) ?? [];
  if (bundle.length === 0) return sdp;
  const [head, ...sections] = sdp.split(/\r\n(?=m=)/);
  const fixed = sections.map((section) => {
    const mid = /^a=mid:(.*)$/m.exec(section)?.[1]?.trim();
    if (!mid || !bundle.includes(mid) || !/^m=\w+ 0 /.test(section)) return section;
    return section.replace(/^m=(\w+) 0 /, 'm=$1 9 ');
  });
  return [head, ...fixed].join('\r\n');
}
