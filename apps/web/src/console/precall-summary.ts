// The visitor's pre-call check in one line for staff deciding whether to let them in:
// "camera ok, mic ok, network fair: 420 kbit/s, 180 ms". The tone is for styling: a poor network
// or a missing camera or microphone stands out.
import type { PrecallReport } from '@openconnect/contracts';
import { t } from '../i18n/t.ts';

export interface PrecallSummary {
  text: string;
  tone: 'ok' | 'warn';
}

/** The one-line summary of a check result. */
export function summarizePrecall(report: PrecallReport): PrecallSummary {
  const { camera, microphone, speaker, network } = report;
  const parts = [
    t(`console.precall.camera.${camera.status}`),
    t(`console.precall.mic.${microphone.status}`),
  ];
  if (speaker !== 'skipped') parts.push(t(`console.precall.speaker.${speaker}`));
  parts.push(
    network.connected && network.bitrateKbps !== null && network.rttMs !== null
      ? t('console.precall.network', {
          grade: t(`console.precall.grade.${network.grade}`),
          kbps: network.bitrateKbps.toLocaleString('en'),
          rtt: network.rttMs,
        })
      : t('console.precall.network.failed'),
  );
  const warn =
    network.grade === 'poor' ||
    camera.status !== 'ok' ||
    microphone.status !== 'ok' ||
    speaker === 'notHeard';
  return { text: parts.join(', '), tone: warn ? 'warn' : 'ok' };
}
