import { describe, expect, it } from 'vitest';
import { arrangeTiles, gridColumns, type TileInfo } from './layout.ts';

const tile = (identity: string, kind: TileInfo['kind'] = 'camera', isLocal = false): TileInfo => ({
  key: `${identity}-${kind}`,
  identity,
  kind,
  isLocal,
});

describe('layout', () => {
  const me = tile('me', 'camera', true);
  const ann = tile('ann');
  const bob = tile('bob');

  it('puts everyone in the grid with no large tile', () => {
    expect(arrangeTiles([me, ann, bob], 'grid')).toEqual({ focus: null, others: [me, ann, bob] });
  });

  it('makes the last speaker large in speaker mode, else the first other person', () => {
    expect(arrangeTiles([me, ann, bob], 'speaker', 'bob').focus).toBe(bob);
    expect(arrangeTiles([me, ann, bob], 'speaker', 'me').focus).toBe(ann);
    expect(arrangeTiles([me], 'speaker').focus).toBe(me);
  });

  it('always shows a shared screen large, someone else’s before your own', () => {
    const myScreen = tile('me', 'screen', true);
    const annScreen = tile('ann', 'screen');
    expect(arrangeTiles([me, ann, myScreen], 'grid').focus).toBe(myScreen);
    expect(arrangeTiles([me, ann, myScreen, annScreen], 'grid').focus).toBe(annScreen);
  });

  it('picks columns for the grid', () => {
    expect([1, 2, 4, 5, 9, 10].map(gridColumns)).toEqual([1, 2, 2, 3, 3, 4]);
  });
});
