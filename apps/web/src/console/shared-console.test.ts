import { afterEach, describe, expect, it, vi } from 'vitest';
import { retainConsole, sharedConsole } from './shared-console.ts';
import type { StaffConsole } from './staff-console.ts';

afterEach(() => vi.useRealTimers());

function fakeConsole() {
  const disposed = { count: 0 };
  const create = () => ({ dispose: () => (disposed.count += 1) }) as unknown as StaffConsole;
  return { disposed, create };
}

describe('shared console', () => {
  it('is the same console for the console page and the call, kept alive between them', () => {
    vi.useFakeTimers();
    const { disposed, create } = fakeConsole();
    const onConsolePage = sharedConsole('f1', create);
    const releasePage = retainConsole('f1', 1000);
    // Join as host: the console page goes, the call comes, within the keep-alive.
    releasePage();
    vi.advanceTimersByTime(500);
    expect(sharedConsole('f1', create)).toBe(onConsolePage);
    const releaseCall = retainConsole('f1', 1000);
    vi.advanceTimersByTime(5000);
    expect(disposed.count).toBe(0);
    releaseCall();
    vi.advanceTimersByTime(1000);
    expect(disposed.count).toBe(1);
    // Closed and forgotten: the next page gets a fresh one.
    expect(sharedConsole('f1', create)).not.toBe(onConsolePage);
  });

  it('keeps one console per facility', () => {
    const { create } = fakeConsole();
    expect(sharedConsole('a', create)).not.toBe(sharedConsole('b', create));
  });
});
