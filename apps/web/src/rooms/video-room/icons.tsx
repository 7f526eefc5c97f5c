// The call controls' icons as inline SVG (no icon font to load or to fail): simple 24x24 strokes
// in the current text colour. Decorative: every control carries its words as its label.
import type { ReactNode } from 'react';

export type IconName =
  | 'mic'
  | 'micOff'
  | 'camera'
  | 'cameraOff'
  | 'screen'
  | 'screenStop'
  | 'smile'
  | 'chat'
  | 'speaker'
  | 'leave'
  | 'people'
  | 'caret'
  | 'headphones';

const slash = <path d="M3 3l18 18" />;

const paths: Record<IconName, ReactNode> = {
  mic: (
    <>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8" />
    </>
  ),
  micOff: (
    <>
      <path d="M15 10V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 5 2.2" />
      <path d="M5 11a7 7 0 0 0 11.5 5.4M19 11a7 7 0 0 1-.7 3M12 18v3M8 21h8" />
      {slash}
    </>
  ),
  camera: (
    <>
      <rect x="3" y="6" width="13" height="12" rx="2" />
      <path d="M16 10l5-3v10l-5-3z" />
    </>
  ),
  cameraOff: (
    <>
      <path d="M8 6h6a2 2 0 0 1 2 2v4M16 16a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2" />
      <path d="M16 10l5-3v10l-3-1.8" />
      {slash}
    </>
  ),
  screen: (
    <>
      <rect x="3" y="4" width="18" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M12 14V8M9 11l3-3 3 3" />
    </>
  ),
  screenStop: (
    <>
      <rect x="3" y="4" width="18" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M9.5 8l5 5M14.5 8l-5 5" />
    </>
  ),
  smile: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M8 14a4.5 4.5 0 0 0 8 0M9 9.5h.01M15 9.5h.01" />
    </>
  ),
  chat: <path d="M4 5h16v11H9l-5 4z" />,
  speaker: (
    <>
      <rect x="3" y="4" width="18" height="11" rx="1.5" />
      <rect x="3" y="17" width="5" height="3" rx="1" />
      <rect x="9.5" y="17" width="5" height="3" rx="1" />
      <rect x="16" y="17" width="5" height="3" rx="1" />
    </>
  ),
  leave: <path d="M3 14.5c5-5 13-5 18 0l-2.5 2.5-3.5-1.5V13a11 11 0 0 0-6 0v2.5L5.5 17z" />,
  people: (
    <>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.8a3.5 3.5 0 0 1 0 6.4M18.5 14.5A6.5 6.5 0 0 1 21.5 20" />
    </>
  ),
  caret: <path d="M7 14l5-5 5 5" />,
  headphones: <path d="M4 18v-5a8 8 0 0 1 16 0v5M4 15h3v5H4zM17 15h3v5h-3z" />,
};

/** A control's icon. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}
