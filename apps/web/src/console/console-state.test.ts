import { describe, expect, it } from 'vitest';
import { initialConsoleState, reloading, withBusy, withoutBusy } from './console-state.ts';

describe('console state', () => {
  it('shows loading on the first load and keeps a ready console shown on a reload', () => {
    const failed = { ...initialConsoleState, status: 'failed' as const, error: new Error('x') };
    expect(reloading(failed)).toMatchObject({ status: 'loading', error: undefined });
    expect(reloading({ ...initialConsoleState, status: 'ready' }).status).toBe('ready');
  });

  it('tracks each action in flight by its key', () => {
    const both = withBusy(withBusy(initialConsoleState, 'admit:e1'), 'end:v1');
    expect(both.busy).toEqual(['admit:e1', 'end:v1']);
    expect(withoutBusy(both, 'admit:e1').busy).toEqual(['end:v1']);
  });
});
