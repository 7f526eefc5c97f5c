// Rollout settings in the database, cached in memory and refreshed when any instance changes
// them (an event on the bus) or after a few seconds, whichever comes first.
import type { Db } from '../storage/db.ts';
import type { EventBus } from '../push/event-bus.ts';
import { topics, type ProviderName } from '@openconnect/contracts';

export interface RolloutSnapshot {
  /** The operator's switch; null follows FEATURE_LIVEKIT. */
  livekitEnabled: boolean | null;
  percentage: number;
  /** The default switch; null follows PROVIDER_TYPE. */
  defaultProvider: ProviderName | null;
  overrides: ReadonlyMap<string, ProviderName>;
}

const MAX_AGE_MS = 5_000;

export class RolloutStore {
  private cached: { at: number; snapshot: RolloutSnapshot } | undefined;
  private loading: Promise<RolloutSnapshot> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly db: Db,
    private readonly bus: EventBus,
  ) {
    this.unsubscribe = bus.subscribe(topics.rollout(), () => {
      this.cached = undefined;
    });
  }

  /** The current settings (from cache when fresh). */
  async snapshot(): Promise<RolloutSnapshot> {
    if (this.cached && Date.now() - this.cached.at < MAX_AGE_MS) return this.cached.snapshot;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<RolloutSnapshot> {
    const settings = await this.db
      .selectFrom('rollout_settings')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom('facility_provider_settings')
      .select(['facility_id', 'override'])
      .where('override', 'is not', null)
      .execute();
    const snapshot: RolloutSnapshot = {
      livekitEnabled: settings.livekit_enabled,
      percentage: settings.livekit_percentage,
      defaultProvider: settings.default_provider,
      overrides: new Map(rows.map((r) => [r.facility_id, r.override as ProviderName])),
    };
    this.cached = { at: Date.now(), snapshot };
    return snapshot;
  }

  /** Tells every instance (this one included) to re-read the settings. */
  async changed(): Promise<void> {
    this.cached = undefined;
    await this.bus.publish(topics.rollout(), { type: 'changed' });
  }

  close(): void {
    this.unsubscribe();
  }
}
