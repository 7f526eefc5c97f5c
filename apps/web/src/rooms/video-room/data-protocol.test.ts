import { describe, expect, it } from 'vitest';
import { decodeDataMessage, encodeDataMessage, toDataMessage } from './data-protocol.ts';

describe('data protocol', () => {
  it('round-trips reactions and chat as JSON bytes', () => {
    const reaction = { type: 'reaction', emoji: '👍' } as const;
    expect(decodeDataMessage(encodeDataMessage(reaction))).toEqual(reaction);
    expect(new TextDecoder().decode(encodeDataMessage({ type: 'chat', text: 'hi' }))).toBe(
      '{"type":"chat","text":"hi"}',
    );
  });

  it('ignores unknown reactions, empty or oversized chat and garbage', () => {
    expect(toDataMessage({ type: 'reaction', emoji: '💣' })).toBeUndefined();
    expect(toDataMessage({ type: 'chat', text: '   ' })).toBeUndefined();
    expect(toDataMessage({ type: 'chat', text: 'x'.repeat(2001) })).toBeUndefined();
    expect(decodeDataMessage('not json')).toBeUndefined();
    expect(decodeDataMessage(new Uint8Array(9000))).toBeUndefined();
  });

  it('drops chat holding control characters other than tab and newline', () => {
    expect(toDataMessage({ type: 'chat', text: 'a\u0000b' })).toBeUndefined();
    expect(toDataMessage({ type: 'chat', text: 'a\u009bb' })).toBeUndefined();
    expect(toDataMessage({ type: 'chat', text: 'a\tb\nc' })).toEqual({
      type: 'chat',
      text: 'a\tb\nc',
    });
  });

  it('trims chat text', () => {
    expect(toDataMessage({ type: 'chat', text: '  hello ' })).toEqual({
      type: 'chat',
      text: 'hello',
    });
  });
});
