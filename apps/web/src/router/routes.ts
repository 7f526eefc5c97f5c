// The app's routes: which page a path shows, and the paths to link to. Pure functions, no DOM.

export type Route =
  | { name: 'home' }
  | { name: 'signIn'; next: string | undefined }
  | { name: 'dashboard'; facilityId: string }
  | { name: 'console'; facilityId: string }
  | { name: 'recordings'; facilityId: string }
  | { name: 'reports'; facilityId: string }
  | { name: 'hostRoom'; visitId: string }
  | { name: 'join'; code: string }
  | { name: 'rollout' }
  | { name: 'notFound' };

/** Decodes one path segment; malformed escapes make the path unknown rather than throwing. */
function segment(raw: string): string | undefined {
  try {
    const value = decodeURIComponent(raw);
    return value === '' || value.includes('/') ? undefined : value;
  } catch {
    return undefined;
  }
}

/** Only same-app paths may be a sign-in's destination, never another origin. */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return undefined;
  }
  return next;
}

/** The route a location shows. A trailing slash is ignored. */
export function matchRoute(pathname: string, search = ''): Route {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const parts = trimmed.split('/').slice(1);
  if (trimmed === '/' || trimmed === '') return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'sign-in') {
    return { name: 'signIn', next: safeNext(new URLSearchParams(search).get('next')) };
  }
  if (parts.length === 2 && parts[0] === 'facilities') {
    const facilityId = segment(parts[1] ?? '');
    if (facilityId) return { name: 'dashboard', facilityId };
  }
  if (parts.length === 3 && parts[0] === 'facilities' && parts[2] === 'console') {
    const facilityId = segment(parts[1] ?? '');
    if (facilityId) return { name: 'console', facilityId };
  }
  if (parts.length === 3 && parts[0] === 'facilities' && parts[2] === 'recordings') {
    const facilityId = segment(parts[1] ?? '');
    if (facilityId) return { name: 'recordings', facilityId };
  }
  if (parts.length === 3 && parts[0] === 'facilities' && parts[2] === 'reports') {
    const facilityId = segment(parts[1] ?? '');
    if (facilityId) return { name: 'reports', facilityId };
  }
  if (parts.length === 3 && parts[0] === 'visits' && parts[2] === 'room') {
    const visitId = segment(parts[1] ?? '');
    if (visitId) return { name: 'hostRoom', visitId };
  }
  if (parts.length === 2 && parts[0] === 'admin' && parts[1] === 'rollout') {
    return { name: 'rollout' };
  }
  if (parts.length === 2 && parts[0] === 'join') {
    const code = segment(parts[1] ?? '');
    if (code) return { name: 'join', code };
  }
  return { name: 'notFound' };
}

/** The home page's path, for pages in the visitor's first chunk (paths.ts is staff-side). */
export const homePath = '/';
