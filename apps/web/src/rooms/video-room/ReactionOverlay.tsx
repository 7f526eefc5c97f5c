// Reactions floating over one participant's tile, drawn from our own emoji art. Decorative: the
// live region announces them. The emoji's character stays in the text, hidden, for find-in-page
// and the specs.
import { useStore } from '../../store/useStore.ts';
import { Emoji } from './Emoji.tsx';
import type { RoomSession } from './room-session.ts';

/** The reactions of `identity` now floating. */
export function ReactionOverlay({ session, identity }: { session: RoomSession; identity: string }) {
  const view = useStore(session.store);
  const mine = view.reactions.filter((r) => r.identity === identity);
  if (mine.length === 0) return null;
  return (
    <div className="reaction-overlay" aria-hidden="true">
      {mine.map((r) => (
        <span key={r.id} className="reaction-float" data-emoji={r.emoji}>
          <Emoji emoji={r.emoji} />
          <span className="visually-hidden">{r.emoji}</span>
        </span>
      ))}
    </div>
  );
}
