// The stage of the call screen, for both providers: lays the provider's tiles out by
// stageLayout() (alone, 1:1 with a picture-in-picture self view, a grid that fits, or a shared
// screen large with people in a strip) and asks the provider to render each tile in its place.
import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { t } from '../../i18n/t.ts';
import { useStore } from '../../store/useStore.ts';
import { gridShape, stageLayout, type TileInfo } from './layout.ts';
import type { RoomSession } from './room-session.ts';
import type { TilePlace } from './TileFrame.tsx';

interface StageProps<T extends TileInfo> {
  tiles: readonly T[];
  session: RoomSession;
  /** The identity heard last, for speaker mode. */
  speaker?: string | null;
  /** Shows "waiting for others" while you are alone and connected. */
  alone: boolean;
  renderTile(tile: T, place: TilePlace): ReactNode;
}

/** The tiles, laid out to fill the space the call screen gives the stage. */
export function Stage<T extends TileInfo>({
  tiles,
  session,
  speaker,
  alone,
  renderTile,
}: StageProps<T>) {
  const view = useStore(session.store);
  const layout = stageLayout(tiles, view.layout, speaker);
  return (
    <div className={`stage stage--${layout.kind}`}>
      {layout.kind === 'solo' && (
        <div className="stage__focus">{renderTile(layout.focus, 'focus')}</div>
      )}
      {layout.kind === 'pip' && (
        <>
          <div className="stage__focus">{renderTile(layout.focus, 'focus')}</div>
          <div className="stage__pip">{renderTile(layout.pip, 'pip')}</div>
        </>
      )}
      {layout.kind === 'focus' && (
        <>
          <div className="stage__focus">{renderTile(layout.focus, 'focus')}</div>
          <div className="stage__strip">
            {layout.strip.map((tile) => renderTile(tile, 'strip'))}
          </div>
        </>
      )}
      {layout.kind === 'grid' && <Grid tiles={layout.tiles} renderTile={renderTile} />}
      {alone && <p className="stage__alone">{t('room.waitingForOthers')}</p>}
    </div>
  );
}

/** Equal tiles in as many columns and rows as make each largest on this stage. */
function Grid<T extends TileInfo>({
  tiles,
  renderTile,
}: {
  tiles: readonly T[];
  renderTile(tile: T, place: TilePlace): ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const { columns, rows } = gridShape(tiles.length, size.width, size.height);
  return (
    <div
      ref={ref}
      className="stage__grid"
      style={{ '--columns': columns, '--rows': rows } as CSSProperties}
    >
      {tiles.map((tile) => renderTile(tile, 'grid'))}
    </div>
  );
}
