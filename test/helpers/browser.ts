// Headless Debian Chromium for browser tests, driven by playwright-core (never a downloaded browser).
import { chromium, type Browser } from 'playwright-core';
import { haveTool } from './tools.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** true when the browser tests can run (false = skip, outside CI only; throws in CI when missing). */
export function haveChromium(): boolean {
  return haveTool(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync',
    ],
  });
}
