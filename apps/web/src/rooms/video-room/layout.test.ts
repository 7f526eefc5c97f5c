import { describe, expect, it } from 'vitest';
import {
  arrangeTiles,
  gridShape,
  layoutChoiceMatters,
  stageLayout,
  type TileInfo,
} from './layout.ts';

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
});

describe('stage layout', () => {
  const me = tile('me', 'camera', true);
  const ann = tile('ann');
  const bob = tile('bob');

  it('shows you alone while you wait', () => {
    expect(stageLayout([me], 'grid')).toEqual({ kind: 'solo', focus: me });
  });

  it('shows the other person large and you small in a 1:1 visit, whatever the mode', () => {
    for (const mode of ['grid', 'speaker'] as const) {
      expect(stageLayout([me, ann], mode)).toEqual({ kind: 'pip', focus: ann, pip: me });
    }
  });

  it('shows a group in a grid, or the speaker large in speaker mode', () => {
    expect(stageLayout([me, ann, bob], 'grid')).toEqual({ kind: 'grid', tiles: [me, ann, bob] });
    expect(stageLayout([me, ann, bob], 'speaker', 'bob')).toEqual({
      kind: 'focus',
      focus: bob,
      strip: [me, ann],
    });
  });

  it('shows a shared screen large with everyone in the strip, even in a 1:1 visit', () => {
    const screen = tile('ann', 'screen');
    expect(stageLayout([me, ann, screen], 'grid')).toEqual({
      kind: 'focus',
      focus: screen,
      strip: [me, ann],
    });
  });

  it('offers the grid/speaker choice only to groups without a shared screen', () => {
    expect(layoutChoiceMatters([me, ann])).toBe(false);
    expect(layoutChoiceMatters([me, ann, bob])).toBe(true);
    expect(layoutChoiceMatters([me, ann, tile('ann', 'screen')])).toBe(false);
  });
});

describe('grid shape', () => {
  it('puts three people side by side on a wide stage and stacked on a phone', () => {
    expect(gridShape(3, 1280, 600)).toEqual({ columns: 2, rows: 2 });
    expect(gridShape(3, 390, 650)).toEqual({ columns: 1, rows: 3 });
  });

  it('always has a cell for everyone', () => {
    for (const count of [1, 2, 4, 5, 9, 12]) {
      const { columns, rows } = gridShape(count, 1000, 560);
      expect(columns * rows).toBeGreaterThanOrEqual(count);
    }
  });
});
