// The visitor's pre-call check as staff read it beside "Let in" (console and the call's queue).
export const precallSummary = {
  'console.precall.label': 'Setup check',
  'console.precall.none': 'No setup check yet',
  'console.precall.camera.ok': 'camera ok',
  'console.precall.camera.noFrames': 'camera shows no picture',
  'console.precall.camera.none': 'no camera',
  'console.precall.mic.ok': 'mic ok',
  'console.precall.mic.silent': 'mic silent',
  'console.precall.mic.none': 'no mic',
  'console.precall.speaker.heard': 'speaker ok',
  'console.precall.speaker.notHeard': 'speaker not heard',
  'console.precall.network': 'network {grade}: {kbps} kbit/s, {rtt} ms',
  'console.precall.network.failed': 'network poor: could not connect',
  'console.precall.grade.good': 'good',
  'console.precall.grade.fair': 'fair',
  'console.precall.grade.poor': 'poor',
} as const;
