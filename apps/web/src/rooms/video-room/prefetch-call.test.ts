import { expect, it } from 'vitest';
import { loadOnce } from './prefetch-call.ts';

it('loads each key once however often it is asked for', async () => {
  const loaded: string[] = [];
  const load = loadOnce(async (key: string) => void loaded.push(key));
  const first = load('room');
  expect(load('room')).toBe(first);
  load('p2p');
  await first;
  await load('room');
  expect(loaded).toEqual(['room', 'p2p']);
});

it('tries a key again after its load failed', async () => {
  let attempts = 0;
  const load = loadOnce(async (_key: 'room') => {
    attempts += 1;
    if (attempts === 1) throw new Error('offline');
  });
  await expect(load('room')).rejects.toThrow('offline');
  await load('room');
  await load('room');
  expect(attempts).toBe(2);
});
