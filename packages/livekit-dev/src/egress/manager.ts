// Egress jobs and their bookkeeping, with LiveKit's status lifecycle:
// STARTING → ACTIVE → ENDING → COMPLETE, or FAILED / ABORTED. Media comes from a recorder
// factory (recorder.ts); a job without one fails honestly. Reports every change as an event.
import { EventEmitter } from 'node:events';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import type { EncodedFileType } from '@livekit/protocol';
import {
  EgressInfo,
  EgressSourceType,
  EgressStatus,
  EncodingOptionsPreset,
  FileInfo,
  type RoomCompositeEgressRequest,
} from '@livekit/protocol';
import { newId } from '../rooms/ids.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { RoomError } from '../rooms/errors.ts';
import { TwirpError } from '../twirp/errors.ts';
import { resolveRecordingPath } from './paths.ts';
import type { RecorderFactory, RoomRecorder } from './recorder.ts';

/**
 * The output size a request declares, as LiveKit's egress reads it: advanced options first, else
 * the preset (default H264_720P_30); portrait presets swap the sides.
 */
function outputSize(request: RoomCompositeEgressRequest): { width: number; height: number } {
  const options = request.options;
  if (options.case === 'advanced' && options.value.width > 0 && options.value.height > 0)
    return { width: options.value.width, height: options.value.height };
  const preset = options.case === 'preset' ? options.value : EncodingOptionsPreset.H264_720P_30;
  const fullHd = [
    EncodingOptionsPreset.H264_1080P_30,
    EncodingOptionsPreset.H264_1080P_60,
    EncodingOptionsPreset.PORTRAIT_H264_1080P_30,
    EncodingOptionsPreset.PORTRAIT_H264_1080P_60,
  ].includes(preset);
  const portrait = preset >= EncodingOptionsPreset.PORTRAIT_H264_720P_30;
  const [long, short] = fullHd ? [1920, 1080] : [1280, 720];
  return portrait ? { width: short, height: long } : { width: long, height: short };
}

/** Egress event name → listener arguments. */
export interface EgressEvents {
  egressStarted: [info: EgressInfo];
  egressUpdated: [info: EgressInfo];
  egressEnded: [info: EgressInfo];
}

/** Filters of ListEgress. */
export interface EgressFilter {
  roomName?: string;
  egressId?: string;
  active?: boolean;
}

interface Job {
  info: EgressInfo;
  filepath: string;
  recorder?: RoomRecorder;
  /** Settles when the job reached a final status. */
  done: Promise<void>;
  finish: () => void;
}

const FINAL = new Set([
  EgressStatus.EGRESS_COMPLETE,
  EgressStatus.EGRESS_FAILED,
  EgressStatus.EGRESS_ABORTED,
]);

function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** Runs and remembers egress jobs. */
export class EgressManager extends EventEmitter<EgressEvents> {
  private readonly jobs = new Map<string, Job>();
  private recorderFactory: RecorderFactory | undefined;
  private readonly registry: RoomRegistry;
  private readonly recordingsDir: string;

  constructor(registry: RoomRegistry, recordingsDir: string) {
    super();
    this.registry = registry;
    this.recordingsDir = recordingsDir;
    registry.on('roomDeleted', ({ room }) => {
      for (const job of this.jobs.values()) {
        if (job.info.roomName === room.name) void this.end(job, 'room closed');
      }
    });
  }

  /** Installs (or removes) the factory that records a room's media. */
  setRecorderFactory(factory: RecorderFactory | undefined): void {
    this.recorderFactory = factory;
  }

  /** StartRoomCompositeEgress: returns the new job in STARTING; it turns ACTIVE once media flows. */
  startRoomComposite(request: RoomCompositeEgressRequest): EgressInfo {
    const room = this.registry.getRoom(request.roomName);
    if (!room) throw new RoomError('room_not_found', request.roomName);
    const output =
      request.fileOutputs[0] ?? (request.output.case === 'file' ? request.output.value : undefined);
    if (!output)
      throw new TwirpError(
        'invalid_argument',
        'this development server records to a file only: set a file output',
      );
    const filepath = resolveRecordingPath(this.recordingsDir, output.filepath, room, '.webm');
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const info = new EgressInfo({
      egressId: newId('EG_'),
      roomId: room.sid,
      roomName: room.name,
      sourceType: EgressSourceType.WEB,
      status: EgressStatus.EGRESS_STARTING,
      updatedAt: nowNs(),
      request: { case: 'roomComposite', value: request },
      fileResults: [new FileInfo({ filename: filepath })],
    });
    const job: Job = { info, filepath, done, finish };
    this.jobs.set(info.egressId, job);
    this.emit('egressStarted', info.clone());
    void this.launch(job, output.fileType, request);
    return info.clone();
  }

  /** StopEgress: an ACTIVE job goes ENDING (then COMPLETE); a STARTING one is ABORTED. */
  stop(egressId: string): EgressInfo {
    const job = this.jobs.get(egressId);
    if (!job) throw new TwirpError('not_found', 'egress does not exist');
    const status = job.info.status;
    if (status !== EgressStatus.EGRESS_STARTING && status !== EgressStatus.EGRESS_ACTIVE) {
      throw new TwirpError(
        'failed_precondition',
        `egress with status ${EgressStatus[status]} cannot be stopped`,
      );
    }
    void this.end(job, 'stopped');
    return job.info.clone();
  }

  /** ListEgress. */
  list(filter: EgressFilter = {}): EgressInfo[] {
    return [...this.jobs.values()]
      .map((job) => job.info)
      .filter((info) => !filter.roomName || info.roomName === filter.roomName)
      .filter((info) => !filter.egressId || info.egressId === filter.egressId)
      .filter((info) => !filter.active || !FINAL.has(info.status))
      .map((info) => info.clone());
  }

  /** Resolves with the job once it reached COMPLETE, FAILED or ABORTED. */
  async settled(egressId: string): Promise<EgressInfo> {
    const job = this.jobs.get(egressId);
    if (!job) throw new TwirpError('not_found', 'egress does not exist');
    await job.done;
    return job.info.clone();
  }

  /** Ends every running job and waits for their files. */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((job) => !FINAL.has(job.info.status));
    await Promise.all(running.map((job) => this.end(job, 'server shutdown')));
  }

  private async launch(
    job: Job,
    fileType: EncodedFileType,
    request: RoomCompositeEgressRequest,
  ): Promise<void> {
    const factory = this.recorderFactory;
    if (!factory) {
      this.finalize(
        job,
        EgressStatus.EGRESS_FAILED,
        'no media recorder is attached to this development server',
      );
      return;
    }
    try {
      await mkdir(dirname(job.filepath), { recursive: true });
      const recorder = await factory({
        egressId: job.info.egressId,
        roomName: job.info.roomName,
        roomId: job.info.roomId,
        filepath: job.filepath,
        fileType,
        audioOnly: request.audioOnly,
        videoOnly: request.videoOnly,
        ...outputSize(request),
        fail: (error) => {
          if (!FINAL.has(job.info.status)) void this.stopRecorder(job, error);
        },
      });
      job.recorder = recorder;
      if (job.info.status !== EgressStatus.EGRESS_STARTING) {
        // Stopped or aborted while starting: release the recorder, keep the final status.
        await recorder.stop().catch(() => undefined);
        return;
      }
      job.info.status = EgressStatus.EGRESS_ACTIVE;
      job.info.startedAt = nowNs();
      job.info.updatedAt = job.info.startedAt;
      this.emit('egressUpdated', job.info.clone());
    } catch (err) {
      if (!FINAL.has(job.info.status)) {
        this.finalize(
          job,
          EgressStatus.EGRESS_FAILED,
          `recorder failed to start: ${errorText(err)}`,
        );
      }
    }
  }

  private async end(job: Job, why: string): Promise<void> {
    if (job.info.status === EgressStatus.EGRESS_STARTING) {
      this.finalize(job, EgressStatus.EGRESS_ABORTED, `egress ${why} before it started`);
      return;
    }
    if (job.info.status !== EgressStatus.EGRESS_ACTIVE) return job.done;
    await this.stopRecorder(job, undefined);
  }

  private async stopRecorder(job: Job, failure: string | undefined): Promise<void> {
    job.info.status = EgressStatus.EGRESS_ENDING;
    job.info.updatedAt = nowNs();
    this.emit('egressUpdated', job.info.clone());
    try {
      await job.recorder?.stop();
    } catch (err) {
      failure ??= `recorder failed to stop: ${errorText(err)}`;
    }
    if (failure) {
      this.finalize(job, EgressStatus.EGRESS_FAILED, failure);
      return;
    }
    const size = await stat(job.filepath).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) {
      this.finalize(job, EgressStatus.EGRESS_FAILED, 'the recording contains no media');
      return;
    }
    this.finalize(job, EgressStatus.EGRESS_COMPLETE, '', size);
  }

  private finalize(job: Job, status: EgressStatus, error: string, size = 0): void {
    const info = job.info;
    const endedAt = nowNs();
    info.status = status;
    info.error = error;
    info.endedAt = endedAt;
    info.updatedAt = endedAt;
    if (status === EgressStatus.EGRESS_COMPLETE) {
      const file = new FileInfo({
        filename: basename(job.filepath),
        location: job.filepath,
        startedAt: info.startedAt,
        endedAt,
        duration: endedAt - info.startedAt,
        size: BigInt(size),
      });
      info.fileResults = [file];
      info.result = { case: 'file', value: file };
    } else {
      info.fileResults = [];
    }
    this.emit('egressEnded', info.clone());
    job.finish();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
