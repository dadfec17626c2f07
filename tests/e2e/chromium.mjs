// The headless Debian Chromium every browser check of the e2e suite runs
// in, started the same way: no sandbox (containers), no GPU, and nothing
// that reaches the network on its own. CHROMIUM names another binary.

import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
