// Shared by the browser tests: where the repository is, and the server and browser of
// scripts/chromium.mjs (also used by the benchmark), so every test serves and launches the same way.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serve } from '../../scripts/chromium.mjs';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export { serve };

/** Chromium on a fresh profile that accepts downloads; resolves to `{ context, close }`. */
export function launch() {
  return launchChromium({ acceptDownloads: true });
}
