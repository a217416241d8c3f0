// The browser for e2e tests: the system's Chromium (Playwright's own download cannot run on
// the project's machines). FAXBOT_CHROMIUM points at another build.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FAXBOT_CHROMIUM || '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM_PATH);
export const NO_CHROMIUM_REASON = `Skipping browser tests: no Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium", or set FAXBOT_CHROMIUM to a Chromium binary.`;

// Without the background-networking flags Chromium keeps dialling out, which this closed
// network refuses; sandboxing is off because CI runs as root.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}
