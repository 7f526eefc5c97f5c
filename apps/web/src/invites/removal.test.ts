import { beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../i18n/t.ts';
import { offersWithdrawal, removalConfirmLabel, removalConsequence } from './removal.ts';

beforeAll(() => loadMessages('staff'));

describe('removing someone, as staff confirm it', () => {
  it('says a personal link stops working, and offers no choice about it', () => {
    expect(offersWithdrawal('personal')).toBe(false);
    expect(removalConsequence('personal', false)).toMatch(/their link stops working/);
    // The box is not offered, so a stale "checked" changes nothing.
    expect(removalConsequence('personal', true)).toBe(removalConsequence('personal', false));
    expect(removalConfirmLabel('personal', true)).toBe('Yes, remove');
  });

  it('says a shared link still lets them knock again unless it is withdrawn for everyone', () => {
    expect(offersWithdrawal('shared')).toBe(true);
    expect(removalConsequence('shared', false)).toMatch(/they can knock again with the link/);
    expect(removalConsequence('shared', true)).toMatch(/stops working for everyone/);
    expect(removalConfirmLabel('shared', false)).toBe('Yes, remove');
    expect(removalConfirmLabel('shared', true)).toBe('Yes, remove and withdraw the link');
  });

  it('promises nothing about a link when the participant came without one', () => {
    for (const kind of [null, undefined]) {
      expect(offersWithdrawal(kind)).toBe(false);
      expect(removalConsequence(kind, true)).toBe('They leave the visit now.');
    }
  });
});
