// Launches Debian's Chromium (never a downloaded browser) for end-to-end specs, with fake camera
// and microphone so pages that call getUserMedia get test media without a prompt.
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

/** Where Chromium is; CHROMIUM_PATH overrides Debian's `/usr/bin/chromium`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium in a container: no sandbox, no GPU, no background traffic, fake media. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. `--use-file-for-fake-video-capture=…`. */
  args?: string[];
  /** Headless unless HEADED=1 is set (for watching a spec on a desktop). */
  headless?: boolean;
}

/** Launches headless Chromium; fails with the fix when Chromium is not installed. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
        'or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: options.headless ?? process.env.HEADED !== '1',
    args: [...chromiumArgs, ...(options.args ?? [])],
  });
}

/** Problems a page reported: uncaught exceptions and console errors. */
export interface PageProblems {
  readonly errors: string[];
}

/**
 * Records a page's uncaught exceptions and console errors, so a spec can assert the app ran
 * cleanly. `ignore` filters expected errors (a 401 the page handles is logged by Chromium).
 */
export function watchPage(
  page: Page,
  ignore: (text: string) => boolean = () => false,
): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && !ignore(message.text())) {
      problems.errors.push(`console: ${message.text()}`);
    }
  });
  return problems;
}
