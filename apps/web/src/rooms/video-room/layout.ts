// Which tile goes where: grid (everyone equal) or speaker (one large, the rest in a strip).
// A shared screen always takes the large place. Pure functions over provider-neutral tiles.

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

/** Columns for a grid of `count` equal tiles. */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  if (count <= 9) return 3;
  return 4;
}
