// Where each tile goes on the call screen. Pure functions over provider-neutral tiles:
// - alone: yourself, large, while waiting for others;
// - two people: the other person large, yourself small in a corner (picture in picture);
// - a group: everyone in a grid that fits the stage, or the speaker large in `speaker` mode;
// - a shared screen: the screen large, people in a strip.

export type LayoutMode = 'grid' | 'speaker';

export interface TileInfo {
  key: string;
  identity: string;
  kind: 'camera' | 'screen';
  isLocal: boolean;
}

export interface Arrangement<T extends TileInfo> {
  /** The large tile, or null in a plain grid. */
  focus: T | null;
  others: T[];
}

/** Arranges tiles for a mode; `speaker` is the identity heard last, if known. */
export function arrangeTiles<T extends TileInfo>(
  tiles: readonly T[],
  mode: LayoutMode,
  speaker?: string | null,
): Arrangement<T> {
  const screen =
    tiles.find((t) => t.kind === 'screen' && !t.isLocal) ?? tiles.find((t) => t.kind === 'screen');
  let focus: T | null = screen ?? null;
  if (!focus && mode === 'speaker') {
    const cameras = tiles.filter((t) => t.kind === 'camera');
    focus =
      cameras.find((t) => t.identity === speaker && !t.isLocal) ??
      cameras.find((t) => !t.isLocal) ??
      cameras[0] ??
      null;
  }
  return { focus, others: tiles.filter((t) => t !== focus) };
}

/** What the stage shows: one of four layouts and the tiles in each place. */
export type StageLayout<T extends TileInfo> =
  | { kind: 'solo'; focus: T }
  | { kind: 'pip'; focus: T; pip: T }
  | { kind: 'grid'; tiles: T[] }
  | { kind: 'focus'; focus: T; strip: T[] }
  | { kind: 'empty' };

/** The stage layout for these tiles; `mode` only matters for groups of three or more. */
export function stageLayout<T extends TileInfo>(
  tiles: readonly T[],
  mode: LayoutMode,
  speaker?: string | null,
): StageLayout<T> {
  const hasScreen = tiles.some((t) => t.kind === 'screen');
  const [first, second] = tiles;
  if (!first) return { kind: 'empty' };
  if (!hasScreen && tiles.length === 1) return { kind: 'solo', focus: first };
  if (!hasScreen && second && tiles.length === 2) {
    const self = tiles.find((t) => t.isLocal);
    const other = tiles.find((t) => !t.isLocal);
    // Two remote tiles (a host watching a visit from elsewhere) stay a grid.
    if (self && other) return { kind: 'pip', focus: other, pip: self };
  }
  const { focus, others } = arrangeTiles(tiles, hasScreen ? 'speaker' : mode, speaker);
  return focus ? { kind: 'focus', focus, strip: others } : { kind: 'grid', tiles: others };
}

/** Whether the grid/speaker choice changes anything: only in groups without a shared screen. */
export function layoutChoiceMatters(tiles: readonly TileInfo[]): boolean {
  return tiles.length >= 3 && tiles.every((t) => t.kind === 'camera');
}

/**
 * Columns and rows for `count` equal tiles on a stage of `width` x `height`: the shape that
 * gives each 16:9 tile the most area, so the grid always fits without scrolling.
 */
export function gridShape(
  count: number,
  width: number,
  height: number,
  gap = 8,
): { columns: number; rows: number } {
  if (count <= 1 || width <= 0 || height <= 0) return { columns: 1, rows: Math.max(count, 1) };
  let best = { columns: 1, rows: count, area: -1 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellW = (width - gap * (columns - 1)) / columns;
    const cellH = (height - gap * (rows - 1)) / rows;
    if (cellW <= 0 || cellH <= 0) continue;
    // The 16:9 picture that fits the cell.
    const w = Math.min(cellW, (cellH * 16) / 9);
    const area = w * ((w * 9) / 16);
    if (area > best.area) best = { columns, rows, area };
  }
  return { columns: best.columns, rows: best.rows };
}
