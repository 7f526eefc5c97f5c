import { describe, expect, it, vi } from 'vitest';
import { interpolate, loadMessages, t, withMessages } from './t.ts';
import { en } from './en.ts';
import { call } from './en/call.ts';
import { staff } from './en/staff.ts';
import { visitor } from './en/visitor.ts';
import { waitingOutcomes } from './en/waiting-outcomes.ts';

describe('interpolate', () => {
  it('fills every occurrence of each placeholder', () => {
    expect(interpolate('{a} and {b}, then {a} again', { a: 'x', b: 2 })).toBe(
      'x and 2, then x again',
    );
  });

  it('leaves a placeholder it has no value for visible instead of printing "undefined"', () => {
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
  });

  it('does not treat inherited object properties as values', () => {
    expect(interpolate('{toString}', {})).toBe('{toString}');
  });

  it('inserts values literally, without interpreting replacement patterns', () => {
    expect(interpolate('Title: {title}', { title: 'Tea $& cake $1' })).toBe(
      'Title: Tea $& cake $1',
    );
  });
});

// These run in order: the staff part is loaded halfway through.
describe('t', () => {
  it('has the visitor strings from the start', () => {
    expect(t('landing.next.body', { facility: 'Demo Care Home' })).toContain('Demo Care Home');
    expect(t('lobby.title')).toBe(en['lobby.title']);
  });

  it('shows the key, and reports it once, for a string whose part is not loaded yet', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(t('signIn.title')).toBe('signIn.title');
    expect(t('signIn.title')).toBe('signIn.title');
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('has a part’s strings once a page loaded with it resolves', async () => {
    const page = { default: 'the page module' };
    const load = withMessages(['staff'], async () => page);
    await expect(load()).resolves.toBe(page);
    expect(t('signIn.title')).toBe('Staff sign in');
    await loadMessages('call');
    expect(t('room.leave')).toBe(en['room.leave']);
  });

  it("has the waiting room's endings once their part is loaded", async () => {
    await loadMessages('outcomes');
    expect(t('lobby.denied.reason', { reason: 'Full today' })).toBe('Their message: “Full today”');
  });
});

describe('the catalogue', () => {
  it('is its four parts, with no key in two of them', () => {
    const keys = [visitor, waitingOutcomes, staff, call].flatMap((part) => Object.keys(part));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('keeps staff and call strings out of the visitor part', () => {
    const misplaced = Object.keys(visitor).filter((key) =>
      /^(room|console|rollout|signIn)\./.test(key),
    );
    expect(misplaced).toEqual([]);
  });

  it('has no empty messages', () => {
    const empty = Object.entries(en).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });
});
