// Builds the AI module: the app crate's second wasm binary, `ai` (feature `ai`: the runtime with
// tract, the embedded models and the drawing pad and model lab), which the page loads only when a
// lesson or the AI lab needs it, never on the first screen (issue #5). Run as a trunk post_build
// hook (Trunk.toml) over the staging folder, before worker-script.mjs and sw-manifest.mjs.
//
//   node scripts/ai-module.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)
//
// Trunk cannot build it: its wasm must be compiled with `-C target-feature=+simd128` (tract's wasm
// kernels; 2.5-3x faster inference) and the first screen's module must not be, because an old
// browser without wasm SIMD would then lose the whole app instead of only the AI lessons. RUSTFLAGS
// apply to a whole cargo build, so this module is built by its own cargo run, into its own target
// folder (`ai-module` inside cargo's target dir: the two builds never invalidate each other), then
// bound by the same local wasm-bindgen and shrunk by the same local wasm-opt as trunk's. Nothing is
// downloaded: cargo runs --offline (scripts/setup.sh fetched every crate).
//
// Output, in the staging folder:
// - ai-HASH_bg.wasm and ai-HASH.js: the module and its wasm-bindgen glue (`web` target; HASH
//   follows their contents);
// - ai.js, under a fixed name the app knows (AI_MODULE_URL in app/src/ai_loader.rs): an ES module
//   that starts the module and re-exports its bindings. The page imports it for the pad and the
//   lab, and the AI script worker is a module worker started from it (the module's main() serves
//   runs there).
// - image_features.nnef.tar, the image feature extractor (models/image_features, 13.5 MB), which
//   the model lab downloads only when a student turns the camera on (IMAGE_FEATURES_URL in
//   app/src/ai_loader.rs).
// With SPROUT_AI_BINDGEN_TARGET=no-modules (scripts/usb.sh), the glue is bound as `no-modules` with
// the global `sprout_ai` instead, for scripts/usb.mjs to turn into the USB page's sibling ai.js,
// and there is no loader.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/ai-module.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const bindgenTarget = process.env.SPROUT_AI_BINDGEN_TARGET ?? 'web';
if (!['web', 'no-modules'].includes(bindgenTarget)) throw new Error(`SPROUT_AI_BINDGEN_TARGET: web or no-modules, not ${bindgenTarget}`);

const targetRoot = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(repository, 'target');
const targetDir = path.join(targetRoot, 'ai-module');
// Trunk.toml's `web` profile for a release (everything built for size, like the first screen),
// cargo's dev profile for `trunk serve`. SPROUT_AI_SPEED=1 builds tract's crates at opt-level 3 and
// runs wasm-opt -O3 instead of -O1, for measuring what speed costs in download (the issue #5 note:
// the default keeps "everything but models" within its budget).
const profile = release ? 'web' : 'dev';
const speed = process.env.SPROUT_AI_SPEED === '1';
const speedCrates = ['tract-linalg', 'tract-core', 'tract-data'];
const cargoArgs = [
  'build',
  '--target=wasm32-unknown-unknown',
  '--manifest-path', path.join(repository, 'app/Cargo.toml'),
  '--bin', 'ai',
  '--features', 'ai',
  '--profile', profile,
  '--offline',
  '--target-dir', targetDir,
  ...(speed ? speedCrates.flatMap((name) => ['--config', `profile.${profile}.package.${name}.opt-level=3`]) : []),
];
const rustflags = [process.env.RUSTFLAGS, '-C target-feature=+simd128'].filter(Boolean).join(' ');
console.log(`ai-module: cargo ${cargoArgs.join(' ')} (RUSTFLAGS="${rustflags}")`);
execFileSync('cargo', cargoArgs, { stdio: 'inherit', cwd: repository, env: { ...process.env, RUSTFLAGS: rustflags } });
const built = path.join(targetDir, 'wasm32-unknown-unknown', profile === 'dev' ? 'debug' : profile, 'ai.wasm');

// wasm-bindgen and wasm-opt come from PATH, as for trunk (scripts/setup.sh puts binaryen's first).
const scratch = path.join(targetDir, 'bindgen');
await rm(scratch, { recursive: true, force: true });
await mkdir(scratch, { recursive: true });
const bindgenArgs = [`--target=${bindgenTarget}`, `--out-dir=${scratch}`, '--out-name=ai', '--no-typescript', built];
if (bindgenTarget === 'no-modules') bindgenArgs.unshift('--no-modules-global=sprout_ai');
execFileSync('wasm-bindgen', bindgenArgs, { stdio: 'inherit' });
const wasmFile = path.join(scratch, 'ai_bg.wasm');
// -O1, not -Oz: after binaryen's size passes this module compresses worse. Measured on one build
// (brotli -11): -Oz 1,601.5 KB, -Os 1,598.9, -O2 1,592.2, -O1 1,585.5, no optimisation 1,587.2.
if (release) {
  execFileSync('wasm-opt', [speed ? '-O3' : '-O1', '--enable-simd', wasmFile, '-o', wasmFile], { stdio: 'inherit' });
}

const wasm = await readFile(wasmFile);
const glue = await readFile(path.join(scratch, 'ai.js'), 'utf8');
const hash = createHash('sha256').update(wasm).update(glue).digest('hex').slice(0, 16);
const base = `ai-${hash}`;
// The glue's default location for the wasm names the unhashed file; the loader always passes it.
await writeFile(path.join(staging, `${base}.js`), glue);
await copyFile(wasmFile, path.join(staging, `${base}_bg.wasm`));
if (bindgenTarget === 'web') {
  const loader = `// Sprout's AI module (app crate binary \`ai\`), written by scripts/ai-module.mjs. The page imports
// this for the drawing pad and the model lab; the AI script worker is a module worker started from
// it, where the module's main() serves runs.
import init from './${base}.js';
export * from './${base}.js';

// A module that fails to load fails this import (on the page) or this script (the worker's error).
await init({ module_or_path: new URL('./${base}_bg.wasm', import.meta.url) });
`;
  await writeFile(path.join(staging, 'ai.js'), loader);
}
const extractor = 'image_features.nnef.tar';
await copyFile(path.join(repository, 'models/image_features', extractor), path.join(staging, extractor));
console.log(`ai-module: ${base}.js and ${base}_bg.wasm (${(wasm.length / 1e6).toFixed(2)} MB, ${bindgenTarget}), ${extractor}`);
