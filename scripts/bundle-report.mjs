// Prints what a build weighs, per file and in total (raw, gzip -9, brotli -11), and checks the size
// budgets of app/modules.json (scripts/modules.mjs); exits 1 when a budget fails, so CI can hold them:
// - the first screen, everything a student waits for before the editor works (the page, its one
//   wasm module with its glue, which the script worker loads again from the cache, and the worker's
//   worker.js; no lazily loaded module);
// - the students' total: everything the students' pages load but model files, that is the first
//   screen, the course's unit files (each unit's lesson text and tests, loaded when a lesson of the
//   unit opens) and every lazily loaded module with "students": true (issue #4: "keep what a student
//   waits for small"). The embedded models and datasets are inside the AI module's wasm (downloaded
//   the first time a lesson or the AI lab needs it), so this total counts the AI module without
//   them: their files in models/ (every model.json with "embedded": true, the NNEF archive made
//   from its ONNX file, and models/datasets/*.json), each compressed on its own, are taken off. That
//   is an estimate (brotli of the parts, not of the parts inside the module), printed as such. Model
//   files served on their own (the image feature extractor) do not count. A module that is another
//   build of one (`alternativeOf`: the AI module without wasm SIMD, which only browsers without SIMD
//   load in its place) counts once with it: the total is that of the larger of the two, and the
//   total with each is printed;
// - each module with a `budgetKb` of its own (the classroom module, which only teachers' pages
//   load), on its own.
// Sizes are what crosses a school network from a server that compresses; 1 KB = 1000 bytes. Files no
// budget counts (model files served on their own, megabytes) are listed with their raw size only:
// compressing them at brotli's highest level would take most of this script's time for nothing.
//
//   node scripts/bundle-report.mjs [DIST_DIR]   (default: dist)

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { filesOf, firstScreen, moduleFile, modules, repository, studentsTotal, unitFile } from './modules.mjs';

// The KB: 1000 bytes, the stricter reading (1024 would allow 2.4% more).
const KB = 1000;
/** Model files (NNEF, ONNX and friends), by extension or by living in a `models` folder. */
const MODEL = /(^|\/)models\/|\.(nnef\.tar|onnx|tflite|pb|safetensors|bin)$/i;
/** Loaded later, or never by a page: the lazily loaded modules and the service worker. */
const isLater = (name) => moduleFile.test(name) || /(^|\/)sw\.js$/i.test(name);

const root = process.argv[2] ?? 'dist';
const names = (await readdir(root, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
  .sort();
if (names.length === 0) {
  console.error(`${root} has no files: build first (trunk build --release --offline)`);
  process.exit(2);
}

/** Raw, gzip and brotli sizes of `bytes`; only the raw size when `compress` is false. */
const sizes = (bytes, compress = true) => ({
  raw: bytes.length,
  gzip: compress ? gzipSync(bytes, { level: 9 }).length : null,
  brotli: compress
    ? brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length
    : null,
});

const rows = [];
for (const name of names) {
  const bytes = await readFile(path.join(root, name));
  const kind = MODEL.test(name) ? 'model' : isLater(name) ? 'later' : unitFile.test(name) ? 'lesson text' : 'first screen';
  rows.push({ name, kind, ...sizes(bytes, kind !== 'model') });
}

/** The files the runtime embeds in the AI module (see the top of this file), from models/. */
async function embeddedModelFiles() {
  const models = path.join(repository, 'models');
  const found = [];
  for (const entry of await readdir(models, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(models, entry.name);
    if (entry.name === 'datasets') {
      for (const name of await readdir(folder)) if (name.endsWith('.json')) found.push(path.join(folder, name));
      continue;
    }
    const card = await readFile(path.join(folder, 'model.json'), 'utf8').then(JSON.parse).catch(() => null);
    const archive = card?.file?.replace(/\.onnx$/, '.nnef.tar');
    if (card?.embedded) found.push(path.join(folder, 'model.json'), path.join(folder, archive));
  }
  return found;
}

const kb = (bytes) => (bytes === null ? '-' : `${(bytes / KB).toFixed(1)} KB`);
const sum = (selected) =>
  selected.reduce((total, row) => ({ raw: total.raw + row.raw, gzip: total.gzip + row.gzip, brotli: total.brotli + row.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
const minus = (a, b) => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli });
const width = Math.max(...names.map((name) => name.length), 'student app but models'.length) + 2;
const line = (label, kind, size) =>
  `${label.padEnd(width)}${kind.padEnd(14)}${kb(size.raw).padStart(12)}${kb(size.gzip).padStart(12)}${kb(size.brotli).padStart(12)}`;

console.log(`Bundle report for ${path.resolve(root)}\n`);
console.log(`${'file'.padEnd(width)}${'loaded'.padEnd(14)}${'raw'.padStart(12)}${'gzip'.padStart(12)}${'brotli'.padStart(12)}`);
for (const row of rows) console.log(line(row.name, row.kind, row));

const embedded = [];
for (const file of await embeddedModelFiles()) embedded.push(sizes(await readFile(file)));
const embeddedSize = sum(embedded);
const moduleSize = Object.fromEntries(modules.map((module) => [module.name, sum(rows.filter((row) => filesOf(module).test(row.name)))]));
const firstScreenSize = sum(rows.filter((row) => row.kind === 'first screen'));
const lessonTextSize = sum(rows.filter((row) => row.kind === 'lesson text'));
/** What the students' pages load but model files, with `chosen` the modules they load. */
function studentsTotalOf(chosen) {
  // The embedded models are in the AI module: taken off only when that module is in the build.
  const withEmbedded = chosen.some((module) => module.features.includes('ai') && moduleSize[module.name].raw > 0);
  const loaded = [firstScreenSize, lessonTextSize, ...chosen.map((module) => moduleSize[module.name])];
  return minus(sum(loaded), withEmbedded ? embeddedSize : sum([]));
}
const studentModules = modules.filter((module) => module.students && !module.alternativeOf);
const alternatives = modules.filter((module) => module.students && module.alternativeOf);
/** The students' total with each alternative build in place of its module, and with none. */
const variants = [
  ['', studentsTotalOf(studentModules)],
  ...alternatives.map((alternative) => [
    ` (${alternative.name})`,
    studentsTotalOf(studentModules.map((module) => (module.name === alternative.alternativeOf ? alternative : module))),
  ]),
];
const studentsSize = variants.map(([, size]) => size).reduce((largest, size) => (size.brotli > largest.brotli ? size : largest));
const totals = {
  'first screen': firstScreenSize,
  'lesson text': lessonTextSize,
  ...Object.fromEntries(modules.map((module) => [`${module.name} module`, moduleSize[module.name]])),
  'embedded models': embeddedSize,
  ...Object.fromEntries(variants.map(([label, size]) => [`student app but models${label}`, size])),
};
console.log('');
for (const [label, size] of Object.entries(totals)) console.log(line(label, '', size));
console.log(`\n(embedded models: ${embedded.length} files of models/ the runtime embeds in the AI module, each compressed alone)`);

const budgets = [
  { name: 'first screen (page, wasm module, worker.js), brotli', size: firstScreenSize, limitKb: firstScreen.budgetKb },
  { name: "everything the student's pages load but model files (embedded ones estimated; the larger AI build), brotli", size: studentsSize, limitKb: studentsTotal.budgetKb },
  ...modules
    .filter((module) => module.budgetKb !== undefined)
    .map((module) => ({ name: `the ${module.name} module, brotli`, size: moduleSize[module.name], limitKb: module.budgetKb })),
];
console.log('');
let failed = false;
for (const budget of budgets) {
  const pass = budget.size.brotli <= budget.limitKb * KB;
  failed ||= !pass;
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${budget.name}: ${kb(budget.size.brotli)} of ${kb(budget.limitKb * KB)}`);
}
process.exit(failed ? 1 : 0);
