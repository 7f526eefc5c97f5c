import { describe, expect, it } from 'vitest';
import { interpolate, t } from './t.ts';
import { en } from './en.ts';

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

describe('t', () => {
  it('returns the catalogue text for a key without placeholders', () => {
    expect(t('signIn.title')).toBe(en['signIn.title']);
  });

  it('fills the placeholders of a catalogue message', () => {
    expect(t('landing.next.body', { facility: 'Demo Care Home' })).toContain('Demo Care Home');
  });
});

describe('the catalogue', () => {
  it('has no empty messages', () => {
    const empty = Object.entries(en).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });
});
