// Prints what a build weighs, per file and in total (raw, gzip -9, brotli -11), and checks the
// size budgets of issue #4; exits 1 when a budget fails, so CI can hold them:
// - the first screen, everything a student waits for before the editor works (the page, its one
//   wasm module with its glue, which the script worker loads again from the cache, and the worker's
//   worker.js; not the AI inference engine tract nor models), at most 600 KB brotli;
// - everything but model files at most 2 MB brotli.
// Sizes are what crosses a school network from a server that compresses; 1 KB = 1000 bytes.
//
//   node scripts/bundle-report.mjs [DIST_DIR]   (default: dist)

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// The KB: 1000 bytes, the stricter reading (1024 would allow 2.4% more).
const KB = 1000;
const BUDGETS = [
  { name: 'first screen (page, wasm module, worker.js), brotli', part: 'first screen', limit: 600 * KB },
  { name: 'everything but model files, brotli', part: 'all but models', limit: 2000 * KB },
];
/** Model files (ONNX and friends), by extension or by living in a `models` folder. */
const MODEL = /(^|\/)models\/|\.(onnx|tflite|pb|safetensors|bin)$/i;
/** Loaded only when a lesson needs them: the inference engine and the service worker. */
const LATER = /tract|(^|\/)sw\.js$/i;

const root = process.argv[2] ?? 'dist';
const names = (await readdir(root, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
  .sort();
if (names.length === 0) {
  console.error(`${root} has no files: build first (trunk build --release --offline)`);
  process.exit(2);
}

const rows = [];
for (const name of names) {
  const bytes = await readFile(path.join(root, name));
  rows.push({
    name,
    kind: MODEL.test(name) ? 'model' : LATER.test(name) ? 'later' : 'first screen',
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  });
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const sum = (selected) =>
  selected.reduce((total, row) => ({ raw: total.raw + row.raw, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
const width = Math.max(...names.map((name) => name.length), 'all but models'.length) + 2;
const line = (label, kind, size) =>
  `${label.padEnd(width)}${kind.padEnd(14)}${kb(size.raw).padStart(12)}${kb(size.gzip).padStart(12)}${kb(size.brotli).padStart(12)}`;

console.log(`Bundle report for ${path.resolve(root)}\n`);
console.log(`${'file'.padEnd(width)}${'loaded'.padEnd(14)}${'raw'.padStart(12)}${'gzip'.padStart(12)}${'brotli'.padStart(12)}`);
for (const row of rows) console.log(line(row.name, row.kind, row));
const totals = {
  'first screen': sum(rows.filter((row) => row.kind === 'first screen')),
  'all but models': sum(rows.filter((row) => row.kind !== 'model')),
  all: sum(rows),
};
console.log('');
for (const [label, size] of Object.entries(totals)) console.log(line(label, '', size));

console.log('');
let failed = false;
for (const budget of BUDGETS) {
  const size = totals[budget.part].brotli;
  const pass = size <= budget.limit;
  failed ||= !pass;
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${budget.name}: ${kb(size)} of ${kb(budget.limit)}`);
}
process.exit(failed ? 1 : 0);
