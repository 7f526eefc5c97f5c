// A <video> showing a MediaStream. Local previews are mirrored and muted (no echo of yourself).
import { useEffect, useRef } from 'react';

interface StreamVideoProps {
  stream: MediaStream | null;
  /** Mutes playback; always true for your own camera. */
  muted?: boolean;
  mirrored?: boolean;
  label: string;
  className?: string;
}

/** Plays a stream; renders nothing but the element, so the caller decides the frame. */
export function StreamVideo({
  stream,
  muted = false,
  mirrored = false,
  label,
  className,
}: StreamVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    // Autoplay may be refused until the user interacts; the next click plays it.
    if (stream) video.play().catch(() => undefined);
  }, [stream]);
  return (
    <video
      ref={ref}
      className={['stream-video', mirrored ? 'stream-video--mirrored' : '', className]
        .filter(Boolean)
        .join(' ')}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
    />
  );
}
