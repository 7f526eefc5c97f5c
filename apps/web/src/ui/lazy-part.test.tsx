import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToReadableStream, renderToStaticMarkup } from 'react-dom/server';
import { Suspense, type ComponentType } from 'react';
import { lazyPart, retrying } from './lazy-part.ts';
import { PartFailed } from './PartFailed.tsx';

afterEach(() => void vi.useRealTimers());

describe('a part of a page loaded on demand', () => {
  it('is downloaded again after each delay until it loads', async () => {
    vi.useFakeTimers();
    let tries = 0;
    const loading = retrying(
      async () => {
        tries += 1;
        if (tries < 3) throw new TypeError('Failed to fetch dynamically imported module: /a.js');
        return 'module';
      },
      3,
      100,
    );
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
    const failing = retrying(
      async () => {
        tries += 1;
        throw new TypeError(`failure ${tries}`);
      },
      2,
      1,
    );
    await expect(failing).rejects.toThrow('failure 3');
  });
});

describe('a part loaded ahead', () => {
  const render = (Part: ComponentType) =>
    renderToStaticMarkup(
      <Suspense fallback="loading">
        <Part />
      </Suspense>,
    );

  it('renders at once, without its fallback, once load() has loaded it', async () => {
    const Part = lazyPart(async () => ({ default: () => <p>the call</p> }));
    await Part.load();
    expect(render(Part)).toBe('<p>the call</p>');
  });

  it('shows its fallback while it was not loaded yet, then the part', async () => {
    const Part = lazyPart(async () => ({ default: () => <p>the call</p> }));
    const stream = await renderToReadableStream(
      <Suspense fallback="loading">
        <Part />
      </Suspense>,
    );
    const reader = stream.getReader();
    const text = new TextDecoder();
    const first = text.decode((await reader.read()).value);
    expect(first).toContain('loading');
    expect(first).not.toContain('the call');
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += text.decode(chunk.value);
    expect(rest).toContain('<p>the call</p>');
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
