// Builds the app's lazily loaded wasm modules, which the page loads only when it needs them, never
// on the first screen: the AI module, the app crate's binary `ai` (feature `ai`: the runtime with
// tract, the embedded models and the drawing pad and model lab; issue #5), and the classroom
// module, the binary `classroom` (feature `classroom`: the teachers' pages; issue #6). Run as a trunk
// post_build hook (Trunk.toml) over the staging folder, before worker-script.mjs and sw-manifest.mjs.
//
//   node scripts/lazy-modules.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)
//
// Trunk cannot build them: it builds one binary per page. The AI module's wasm must also be
// compiled with `-C target-feature=+simd128` (tract's wasm kernels; 2.5-3x faster inference) and
// the first screen's module must not be, because an old browser without wasm SIMD would then lose
// the whole app instead of only the AI lessons. RUSTFLAGS apply to a whole cargo build, so the AI
// module is built by its own cargo run, into its own target folder (`ai-module` inside cargo's
// target dir: the two builds never invalidate each other). The classroom module has the first
// screen's flags and profile, so it shares trunk's target folder and compiles only the app crate
// again. Both are bound by the same local wasm-bindgen and shrunk by the same local wasm-opt as
// trunk's. Nothing is downloaded: cargo runs --offline (scripts/setup.sh fetched every crate).
//
// Output, in the staging folder, for each module NAME (`ai`, `classroom`):
// - NAME-HASH_bg.wasm and NAME-HASH.js: the module and its wasm-bindgen glue (`web` target; HASH
//   follows their contents);
// - NAME.js, under a fixed name the app knows (AI_MODULE_URL and CLASSROOM_MODULE_URL in
//   app/src/modules/mod.rs): an ES module that starts the module and re-exports its bindings. The
//   page imports it for the tools it mounts; the AI script worker is a module worker started from
//   ai.js (the AI module's main() serves runs there), and the lesson editor's worker one started
//   from classroom.js (its main() verifies lessons there).
// - image_features.nnef.tar, the image feature extractor (models/image_features, 13.5 MB), which
//   the model lab downloads only when a student turns the camera on (IMAGE_FEATURES_URL in
//   app/src/modules/mod.rs).
// With SPROUT_AI_BINDGEN_TARGET=no-modules (scripts/usb.sh), the glue is bound as `no-modules` with
// the global `sprout_NAME` instead, for scripts/usb.mjs to turn into the USB page's sibling NAME.js,
// and there is no loader.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/lazy-modules.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const bindgenTarget = process.env.SPROUT_AI_BINDGEN_TARGET ?? 'web';
if (!['web', 'no-modules'].includes(bindgenTarget)) throw new Error(`SPROUT_AI_BINDGEN_TARGET: web or no-modules, not ${bindgenTarget}`);

const targetRoot = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(repository, 'target');
// Trunk.toml's `web` profile for a release (everything built for size, like the first screen),
// cargo's dev profile for `trunk serve`. SPROUT_AI_SPEED=1 builds tract's crates at opt-level 3 and
// runs wasm-opt -O3 instead of -O1, for measuring what speed costs in download (the issue #5 note:
// the default keeps "everything but models" within its budget).
const profile = release ? 'web' : 'dev';
const speed = process.env.SPROUT_AI_SPEED === '1';
const speedCrates = ['tract-linalg', 'tract-core', 'tract-data'];

const MODULES = [
  {
    name: 'ai',
    targetDir: path.join(targetRoot, 'ai-module'),
    rustflags: [process.env.RUSTFLAGS, '-C target-feature=+simd128'].filter(Boolean).join(' '),
    config: speed ? speedCrates.flatMap((name) => ['--config', `profile.${profile}.package.${name}.opt-level=3`]) : [],
    // -O1, not -Oz: after binaryen's size passes this module compresses worse. Measured on one build
    // (brotli -11): -Oz 1,601.5 KB, -Os 1,598.9, -O2 1,592.2, -O1 1,585.5, no optimisation 1,587.2.
    wasmOpt: [speed ? '-O3' : '-O1', '--enable-simd'],
    page: 'the page imports this for the drawing pad and the model lab; the AI script worker is a module worker\n// started from it, where the module\'s main() serves runs.',
  },
  {
    name: 'classroom',
    targetDir: targetRoot,
    rustflags: process.env.RUSTFLAGS ?? '',
    config: [],
    wasmOpt: ['-Oz'],
    page: 'the page imports this for the teachers\' pages; the lesson editor\'s worker is a module worker\n// started from it, where the module\'s main() verifies lessons.',
  },
];

/** Builds `module` into the staging folder; returns its hashed base name and wasm size. */
async function build(module) {
  const cargoArgs = [
    'build',
    '--target=wasm32-unknown-unknown',
    '--manifest-path', path.join(repository, 'app/Cargo.toml'),
    '--bin', module.name,
    '--features', module.name,
    '--profile', profile,
    '--offline',
    '--target-dir', module.targetDir,
    ...module.config,
  ];
  console.log(`lazy-modules: cargo ${cargoArgs.join(' ')} (RUSTFLAGS="${module.rustflags}")`);
  execFileSync('cargo', cargoArgs, { stdio: 'inherit', cwd: repository, env: { ...process.env, RUSTFLAGS: module.rustflags } });
  const built = path.join(module.targetDir, 'wasm32-unknown-unknown', profile === 'dev' ? 'debug' : profile, `${module.name}.wasm`);

  // wasm-bindgen and wasm-opt come from PATH, as for trunk (scripts/setup.sh puts binaryen's first).
  const scratch = path.join(targetRoot, `${module.name}-bindgen`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const bindgenArgs = [`--target=${bindgenTarget}`, `--out-dir=${scratch}`, `--out-name=${module.name}`, '--no-typescript', built];
  if (bindgenTarget === 'no-modules') bindgenArgs.unshift(`--no-modules-global=sprout_${module.name}`);
  execFileSync('wasm-bindgen', bindgenArgs, { stdio: 'inherit' });
  const wasmFile = path.join(scratch, `${module.name}_bg.wasm`);
  if (release) execFileSync('wasm-opt', [...module.wasmOpt, wasmFile, '-o', wasmFile], { stdio: 'inherit' });

  const wasm = await readFile(wasmFile);
  const glue = await readFile(path.join(scratch, `${module.name}.js`), 'utf8');
  const hash = createHash('sha256').update(wasm).update(glue).digest('hex').slice(0, 16);
  const base = `${module.name}-${hash}`;
  // The glue's default location for the wasm names the unhashed file; the loader always passes it.
  await writeFile(path.join(staging, `${base}.js`), glue);
  await copyFile(wasmFile, path.join(staging, `${base}_bg.wasm`));
  if (bindgenTarget === 'web') {
    const loader = `// Sprout's ${module.name} module (app crate binary \`${module.name}\`), written by scripts/lazy-modules.mjs:
// ${module.page}
import init from './${base}.js';
export * from './${base}.js';

// A module that fails to load fails this import (on the page) or this script (a worker's error).
await init({ module_or_path: new URL('./${base}_bg.wasm', import.meta.url) });
`;
    await writeFile(path.join(staging, `${module.name}.js`), loader);
  }
  console.log(`lazy-modules: ${base}.js and ${base}_bg.wasm (${(wasm.length / 1e6).toFixed(2)} MB, ${bindgenTarget})`);
}

for (const module of MODULES) await build(module);
const extractor = 'image_features.nnef.tar';
await copyFile(path.join(repository, 'models/image_features', extractor), path.join(staging, extractor));
console.log(`lazy-modules: ${extractor}`);
