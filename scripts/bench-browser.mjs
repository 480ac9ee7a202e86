// Measures how long a student waits, in Debian's headless Chromium, from navigation to the
// free-coding page (`#/play`) to
// - an editor that takes typing (the textbox 程序 visible and enabled), and
// - the first run's output (Run pressed on the starter program, the console showing text).
// Each visit is a cold one: a fresh browser profile, so no HTTP cache and no service worker. Times
// are the page's own clock (performance.now(), zero at navigation start), read as soon as
// Playwright sees the state, so they are a frame or so late. A benchmark, not a test: it prints
// and does not judge.
//
//   node scripts/bench-browser.mjs [--runs N] [DIST_DIR]   (defaults: 5 runs, dist)
//   node scripts/bench-browser.mjs --file dist-usb         (the USB page, opened as a file)

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, serve } from './chromium.mjs';

const args = process.argv.slice(2);
let runs = 5;
let asFile = false;
let distribution = 'dist';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--file') asFile = true;
  else distribution = args[i];
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench-browser.mjs [--runs N] [--file] [DIST_DIR]');
  process.exit(2);
}
await stat(path.join(distribution, 'index.html')).catch(() => {
  console.error(`${distribution}/index.html is missing: run \`trunk build --release --offline\` first`);
  process.exit(2);
});

const server = asFile
  ? { url: pathToFileURL(path.join(path.resolve(distribution), 'index.html')).href, close: async () => {} }
  : await serve(distribution);
const samples = { 'interactive editor': [], 'first run output': [] };
try {
  for (let run = 1; run <= runs; run++) {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}#/play`, { waitUntil: 'commit' });
      await page.getByRole('textbox', { name: '程序', exact: true, disabled: false }).waitFor({ state: 'visible' });
      const interactive = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: '运行' }).click();
      await page.getByRole('log').filter({ hasText: /\S/ }).waitFor();
      const output = await page.evaluate(() => performance.now());
      samples['interactive editor'].push(interactive);
      samples['first run output'].push(output);
      console.log(`run ${run}/${runs}: editor ${interactive.toFixed(0)} ms, first output ${output.toFixed(0)} ms`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
console.log(`\nnavigation → …, ${runs} cold visits of ${server.url} (ms)`);
console.log(`${''.padEnd(22)}${'median'.padStart(8)}${'min'.padStart(8)}${'max'.padStart(8)}`);
for (const [label, values] of Object.entries(samples)) {
  const cells = [median(values), Math.min(...values), Math.max(...values)].map((value) => value.toFixed(0).padStart(8));
  console.log(`${label.padEnd(22)}${cells.join('')}`);
}
