import { describe, expect, it } from 'vitest';
import { paths } from './paths.ts';
import { matchRoute, safeNext } from './routes.ts';

describe('matchRoute', () => {
  it('matches the root', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
  });

  it('matches the sign-in page and keeps a same-app destination', () => {
    expect(matchRoute('/sign-in', '?next=%2Ffacilities%2Fabc')).toEqual({
      name: 'signIn',
      next: '/facilities/abc',
    });
  });

  it('drops a sign-in destination on another origin', () => {
    expect(matchRoute('/sign-in', '?next=//evil.example/x')).toEqual({
      name: 'signIn',
      next: undefined,
    });
    expect(matchRoute('/sign-in', '?next=https://evil.example')).toEqual({
      name: 'signIn',
      next: undefined,
    });
  });

  it('matches a facility dashboard and extracts its id', () => {
    expect(matchRoute('/facilities/6c1d-22')).toEqual({ name: 'dashboard', facilityId: '6c1d-22' });
  });

  it('matches an invite link and extracts its code, ignoring a trailing slash', () => {
    expect(matchRoute('/join/AbC_-123/')).toEqual({ name: 'join', code: 'AbC_-123' });
  });

  it('decodes escaped segments', () => {
    expect(matchRoute('/join/a%20b')).toEqual({ name: 'join', code: 'a b' });
  });

  it('treats malformed escapes, encoded slashes and extra segments as unknown', () => {
    expect(matchRoute('/join/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/join/a%2Fb')).toEqual({ name: 'notFound' });
    expect(matchRoute('/join/abc/extra')).toEqual({ name: 'notFound' });
    expect(matchRoute('/join')).toEqual({ name: 'notFound' });
    expect(matchRoute('/facilities/')).toEqual({ name: 'notFound' });
    expect(matchRoute('/nowhere')).toEqual({ name: 'notFound' });
  });
});

describe('paths', () => {
  it('builds paths that match back to the same route', () => {
    expect(matchRoute(paths.join('x y'))).toEqual({ name: 'join', code: 'x y' });
    expect(matchRoute(paths.dashboard('f1'))).toEqual({ name: 'dashboard', facilityId: 'f1' });
    expect(matchRoute(paths.console('f1'))).toEqual({ name: 'console', facilityId: 'f1' });
    expect(matchRoute(paths.recordings('f 1'))).toEqual({ name: 'recordings', facilityId: 'f 1' });
    expect(matchRoute('/facilities/f1/recordings/x')).toEqual({ name: 'notFound' });
    expect(matchRoute(paths.hostRoom('v1'))).toEqual({ name: 'hostRoom', visitId: 'v1' });
    expect(matchRoute(paths.rollout())).toEqual({ name: 'rollout' });
    expect(matchRoute('/admin/rollout/')).toEqual({ name: 'rollout' });
    expect(matchRoute('/admin')).toEqual({ name: 'notFound' });
  });

  it('carries a destination through the sign-in path', () => {
    const [pathname, search] = paths.signIn('/facilities/f1').split('?');
    expect(matchRoute(pathname ?? '', `?${search ?? ''}`)).toEqual({
      name: 'signIn',
      next: '/facilities/f1',
    });
    expect(paths.signIn('https://evil.example')).toBe('/sign-in');
  });
});

describe('safeNext', () => {
  it('refuses protocol-relative and backslash tricks', () => {
    expect(safeNext('/\\evil.example')).toBeUndefined();
    expect(safeNext('//evil.example')).toBeUndefined();
    expect(safeNext('/ok')).toBe('/ok');
  });
});
