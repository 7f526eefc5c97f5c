// A tiny typed event emitter for the browser room cores, p2p and LiveKit (no Node `events` in
// the browser): the event name fixes the payload type.
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  /** Subscribes to one event; returns the unsubscribe function. */
  on<K extends keyof Events>(type: K, listener: (value: Events[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener as (value: never) => void);
    return () => set.delete(listener as (value: never) => void);
  }

  protected emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      (listener as (value: Events[K]) => void)(value);
    }
  }

  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
