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
//   node scripts/bench-browser.mjs --ai [--runs N] dist    (the AI module, issue #5)
//
// With --ai, each cold visit also times the first run of a program that uses a model (pressing Run
// to its output: the script worker downloads the AI module and starts it beside its engine, the
// program runs), and in the last visit each embedded model's
// inference on the page (the AI module's `time_model`: 15 samples, each the average of a batch)
// and the image feature extractor's on one camera picture (`time_image_features`: 5 samples).

import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, serve } from './chromium.mjs';

const args = process.argv.slice(2);
let runs = 5;
let asFile = false;
let ai = false;
let distribution = 'dist';
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--file') asFile = true;
  else if (args[i] === '--ai') ai = true;
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
const samples = { 'interactive editor': [], 'first run output': [], ...(ai ? { 'first AI run output': [] } : {}) };
const inference = {};
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
      if (ai) {
        await page.locator('textarea#editor').fill('print(`${mean([1, 2])} ${model("iris").labels.len()}`);');
        const pressed = await page.evaluate(() => performance.now());
        await page.getByRole('button', { name: '运行' }).click();
        await page.getByRole('log').filter({ hasText: '1.5 3' }).waitFor();
        const aiOutput = (await page.evaluate(() => performance.now())) - pressed;
        samples['first AI run output'].push(aiOutput);
        console.log(`  first AI run (module download and start included) ${aiOutput.toFixed(0)} ms`);
        if (run === runs) {
          const times = await page.evaluate(async () => {
            const module = await import('./ai.js');
            const result = {};
            for (const [name, batch] of [['digits', 20], ['iris', 200], ['sentiment', 100]]) result[name] = Array.from(module.time_model(name, 15, batch));
            const archive = new Uint8Array(await (await fetch('./image_features.nnef.tar')).arrayBuffer());
            result.image_features = Array.from(module.time_image_features(archive, 5));
            return result;
          });
          Object.assign(inference, times);
        }
      }
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
if (ai) {
  console.log('\none inference on the page, 15 samples, image_features 5 (ms; the AI module built with wasm SIMD)');
  console.log(`${''.padEnd(22)}${'median'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}`);
  for (const [name, values] of Object.entries(inference)) {
    const cells = [median(values), Math.min(...values), Math.max(...values)].map((value) => value.toFixed(3).padStart(10));
    console.log(`${name.padEnd(22)}${cells.join('')}`);
  }
}
