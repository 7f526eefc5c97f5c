import { describe, expect, it } from 'vitest';
import { localFileOf, mediaTypeOf, parseRange } from './recording-files.ts';

describe('parseRange', () => {
  it('reads the single byte ranges players send', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=10-19', 1000)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('answers the whole file for no range, other units and several ranges', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('bytes=-', 1000)).toBeNull();
  });

  it('refuses ranges outside the file', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('localFileOf', () => {
  it('keeps files inside the recordings folder only', () => {
    expect(localFileOf('/srv/rec', '/srv/rec/visit.webm')).toBe('/srv/rec/visit.webm');
    expect(localFileOf('/srv/rec/', 'visit.webm')).toBe('/srv/rec/visit.webm');
    expect(localFileOf('/srv/rec', '/srv/rec/../secrets')).toBeNull();
    expect(localFileOf('/srv/rec', '/srv/recordings-other/x.webm')).toBeNull();
    expect(localFileOf('/srv/rec', '/srv/rec')).toBeNull();
    expect(localFileOf('/srv/rec', 's3://bucket/visit.mp4')).toBeNull();
    expect(localFileOf('/srv/rec', null)).toBeNull();
  });

  it('names the media type browsers play', () => {
    expect(mediaTypeOf('/a/visit.webm')).toBe('video/webm');
    expect(mediaTypeOf('/a/visit.MP4')).toBe('video/mp4');
    expect(mediaTypeOf('/a/visit')).toBe('application/octet-stream');
  });
});
