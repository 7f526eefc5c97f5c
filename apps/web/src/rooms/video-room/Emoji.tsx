// One reaction emoji drawn from our own SVG art (see emoji-art.ts), never from the system font.
import { EMOJI_ART } from './emoji-art.ts';

/** A decorative emoji picture; the caller gives the words (a button label, a live message). */
export function Emoji({ emoji, className }: { emoji: string; className?: string }) {
  const art = EMOJI_ART[emoji];
  if (!art) return null;
  return (
    <svg
      className={['emoji', className].filter(Boolean).join(' ')}
      viewBox="0 0 36 36"
      aria-hidden="true"
      focusable="false"
      // Our own constant markup, never text from the network.
      dangerouslySetInnerHTML={{ __html: art }}
    />
  );
}
