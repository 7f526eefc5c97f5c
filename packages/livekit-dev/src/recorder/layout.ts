// Where each video goes in a room-composite recording, as LiveKit's default layouts (egress
// `grid` and `speaker`) arrange them: a screen share takes the stage with the cameras in a strip
// below it; without one, the cameras share the frame in an even grid.

/** A tile in output pixels (even numbers, as encoders want). */
export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

const even = (n: number) => Math.floor(n / 2) * 2;

/** Tiles for `count` cameras in a `width`x`height` area starting at (`x`, `y`). */
function grid(count: number, x: number, y: number, width: number, height: number): Tile[] {
  if (count === 0) return [];
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const w = Math.max(2, even(width / columns));
  const h = Math.max(2, even(height / rows));
  return Array.from({ length: count }, (_, i) => ({
    x: x + (i % columns) * w,
    y: y + Math.floor(i / columns) * h,
    width: w,
    height: h,
  }));
}

/**
 * Lays out videos in a `width`x`height` frame: `screens[i]` says whether video i is a screen
 * share. Returns one tile per video, in order.
 */
export function compositeLayout(width: number, height: number, screens: boolean[]): Tile[] {
  const screenIndex = screens.indexOf(true);
  if (screenIndex === -1) return grid(screens.length, 0, 0, width, height);
  const cameras = screens.length - 1;
  // The share gets the stage; the others (cameras, further shares) a strip a fifth high below.
  const stripHeight = cameras > 0 ? even(height / 5) : 0;
  const stage: Tile = { x: 0, y: 0, width: even(width), height: even(height - stripHeight) };
  const strip = Array.from({ length: cameras }, (_, i) => ({
    x: even((i * width) / cameras),
    y: stage.height,
    width: Math.max(2, even(width / cameras)),
    height: stripHeight,
  }));
  let next = 0;
  return screens.map((_, i) => (i === screenIndex ? stage : strip[next++]!));
}
