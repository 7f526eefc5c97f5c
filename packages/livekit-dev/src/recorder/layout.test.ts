import { describe, expect, it } from 'vitest';
import { compositeLayout } from './layout.ts';

describe('compositeLayout', () => {
  it('puts two cameras side by side, filling the frame', () => {
    expect(compositeLayout(1280, 720, [false, false])).toEqual([
      { x: 0, y: 0, width: 640, height: 720 },
      { x: 640, y: 0, width: 640, height: 720 },
    ]);
  });

  it('makes a grid of three and four cameras', () => {
    const three = compositeLayout(1280, 720, [false, false, false]);
    expect(three.map((t) => [t.x, t.y])).toEqual([
      [0, 0],
      [640, 0],
      [0, 360],
    ]);
    expect(compositeLayout(1280, 720, [false, false, false, false])[3]).toEqual({
      x: 640,
      y: 360,
      width: 640,
      height: 360,
    });
  });

  it('gives a screen share the stage and the cameras a strip below', () => {
    const [camera, screen, other] = compositeLayout(1280, 720, [false, true, false]);
    expect(screen).toEqual({ x: 0, y: 0, width: 1280, height: 576 });
    expect(camera).toEqual({ x: 0, y: 576, width: 640, height: 144 });
    expect(other).toEqual({ x: 640, y: 576, width: 640, height: 144 });
  });
});
