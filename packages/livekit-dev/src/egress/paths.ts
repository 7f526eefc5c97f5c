// Where an egress file goes: the request's `filepath` with LiveKit's template placeholders
// ({room_name}, {room_id}, {time}, {utc}) filled in, kept inside the recordings directory.
import { isAbsolute, join, relative, resolve } from 'node:path';
import { TwirpError } from '../twirp/errors.ts';

function timestamp(date: Date, utc: boolean): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const get = utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]
    : [
        date.getFullYear(),
        date.getMonth() + 1,
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
      ];
  const [y, mo, d, h, mi, s] = get.map((n) => pad(n ?? 0));
  return `${y}-${mo}-${d}T${h}${mi}${s}`;
}

/** Resolves the file path of an egress; rejects paths that would leave `recordingsDir`. */
export function resolveRecordingPath(
  recordingsDir: string,
  template: string,
  room: { name: string; sid: string },
  extension: string,
  now = new Date(),
): string {
  const name = (template || '{room_name}-{time}')
    .replaceAll('{room_name}', room.name)
    .replaceAll('{room_id}', room.sid)
    .replaceAll('{time}', timestamp(now, false))
    .replaceAll('{utc}', timestamp(now, true));
  const withExtension = /\.[A-Za-z0-9]+$/.test(name) ? name : `${name}${extension}`;
  const base = resolve(recordingsDir);
  const target = isAbsolute(withExtension)
    ? resolve(withExtension)
    : resolve(join(base, withExtension));
  const inside = relative(base, target);
  if (inside.startsWith('..') || isAbsolute(inside) || inside === '') {
    throw new TwirpError(
      'invalid_argument',
      `filepath must stay inside the recordings directory: ${template}`,
    );
  }
  return target;
}
