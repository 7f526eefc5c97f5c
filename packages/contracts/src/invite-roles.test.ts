import { describe, expect, it } from 'vitest';
import { identityFor, roleOfIdentity } from './invite-roles.ts';

describe('invite roles in participant identities', () => {
  const entry = '0b6f9c1e-3d4a-4f7e-9a51-2c8d7e6f5a40';

  it('names an added person’s role in their identity and reads it back', () => {
    expect(identityFor(entry, 'interpreter')).toBe(`interpreter-${entry}`);
    expect(roleOfIdentity(identityFor(entry, 'relative'))).toBe('relative');
    expect(roleOfIdentity(identityFor(entry, 'colleague'))).toBe('colleague');
  });

  it('gives ordinary visitors and staff no role', () => {
    expect(identityFor(entry, null)).toBe(`visitor-${entry}`);
    expect(roleOfIdentity(`visitor-${entry}`)).toBeUndefined();
    expect(roleOfIdentity('staff-1')).toBeUndefined();
    expect(roleOfIdentity('interpreter')).toBeUndefined();
  });
});
