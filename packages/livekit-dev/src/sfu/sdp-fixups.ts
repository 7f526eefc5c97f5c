// Corrections to werift's SDP before it goes to a client. werift writes every inactive m-section
// with port 0, i.e. "rejected", while still listing it in the BUNDLE group: a client's
// pre-allocated receive-only transceiver in a publisher answer, a removed subscription in a
// subscriber offer. When that section carries the group's first MID, libwebrtc loses the bundle
// transport: rtc-node never connects, and Chromium refuses the offer. An inactive section on
// port 9 says the same thing without breaking the bundle.

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
