// The p2p room's tile: a plain MediaStream in the shared TileFrame.
import { StreamVideo } from './StreamVideo.tsx';
import { TileFrame, tileLabel, type TileFrameProps } from './TileFrame.tsx';

interface MediaTileProps extends Omit<TileFrameProps, 'video' | 'children'> {
  stream: MediaStream | null;
}

/** A participant's tile from a MediaStream. */
export function MediaTile({ stream, ...props }: MediaTileProps) {
  const label = tileLabel(props.kind, props.name, props.isLocal);
  const showVideo = props.kind === 'screen' || props.cameraEnabled;
  return (
    <TileFrame
      {...props}
      video={
        showVideo && stream ? (
          <StreamVideo
            stream={stream}
            // Your own audio never plays back; a screen share carries none here.
            muted={props.isLocal || props.kind === 'screen'}
            mirrored={props.isLocal && props.kind === 'camera'}
            label={label}
          />
        ) : null
      }
    >
      {/* A hidden camera still carries the participant's voice. */}
      {!showVideo && stream && !props.isLocal && (
        <StreamVideo stream={stream} label={label} className="visually-hidden" />
      )}
    </TileFrame>
  );
}
