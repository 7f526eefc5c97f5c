import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { retrying } from './lazy-part.ts';
import { PartFailed } from './PartFailed.tsx';

afterEach(() => void vi.useRealTimers());

describe('a part of a page loaded on demand', () => {
  it('is downloaded again after each delay until it loads', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const loading = retrying(async () => {
      tries += 1;
      if (tries < 3) throw new TypeError('Failed to fetch dynamically imported module: /a.js');
      return 'module';
    }, [100, 200, 400]);
    await vi.advanceTimersByTimeAsync(99);
    expect(tries).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(tries).toBe(2);
    await vi.advanceTimersByTimeAsync(200);
    await expect(loading).resolves.toBe('module');
    expect(tries).toBe(3);
  });

  it('gives up after the last delay with the last failure', async () => {
    let tries = 0;
    const failing = retrying(async () => {
      tries += 1;
      throw new TypeError(`failure ${tries}`);
    }, [1, 1]);
    await expect(failing).rejects.toThrow('failure 3');
  });
});

describe('the page when a part of it fails', () => {
  it('tells a download that failed from a bug of the page', () => {
    const told = (error: Error) => PartFailed.getDerivedStateFromError(error).failed;
    expect(told(new TypeError('Failed to fetch dynamically imported module: https://x/a.js'))).toBe(
      'error.network',
    );
    expect(told(new TypeError('Importing a module script failed.'))).toBe('error.network');
    expect(told(new Error('Unable to preload CSS for /assets/a.css'))).toBe('error.network');
    expect(told(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      'error.generic',
    );
  });

  it('shows its children until something fails', () => {
    expect(renderToStaticMarkup(<PartFailed>the page</PartFailed>)).toBe('the page');
  });
});
