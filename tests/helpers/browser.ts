import { type Browser, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { toolPath } from './judges.ts';

/**
 * Launches headless Chromium (fresh profile) with none of its own background network traffic:
 * the system's Chromium, or the one shipped in an npm package (see judges.ts); none is downloaded.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: toolPath(inject('judges').chromium, 'Chromium (axe-core and the browser tests)'),
    headless: true,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
