// How a recording reads on the page: its length, its size and where its file stands.
import type { RecordingSummary } from '@openconnect/contracts';
import { formatDateTime } from '../i18n/format.ts';
import { t } from '../i18n/t.ts';

/** "1 min 35 s", "42 s". */
export function formatDuration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0
    ? t('recordings.unit.minutes', { minutes, seconds })
    : t('recordings.unit.seconds', { seconds });
}

/** "9.8 MB", "512 kB": decimal units, as file managers show them. */
export function formatSize(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

/** The sentence that says why a recording cannot be played, or undefined when it can. */
export function fileSentence(recording: RecordingSummary): string | undefined {
  if (recording.status === 'starting' || recording.status === 'active') {
    return t('recordings.state.recording');
  }
  switch (recording.file) {
    case 'available':
      return undefined;
    case 'pending':
      return t('recordings.state.pending');
    case 'missing':
      return t('recordings.state.missing');
    case 'elsewhere':
      return t('recordings.state.elsewhere', { location: recording.location ?? '' });
    case 'none':
      return t('recordings.state.failed', { error: recording.error ?? '' });
    case 'deleted': {
      const when = recording.deletedAt ? formatDateTime(recording.deletedAt) : '';
      return recording.deletedReason === 'retention'
        ? t('recordings.state.expired', { when })
        : t('recordings.state.deleted', { when });
    }
  }
}
