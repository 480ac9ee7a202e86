// Builds the app's lazily loaded wasm modules, which the page loads only when it needs them, never
// on the first screen: one per entry of app/modules.json (scripts/modules.mjs), each the app crate's
// binary the entry names (`bin`, by default its name) built with the cargo features, RUSTFLAGS and
// wasm-opt flags the entry gives (today the AI module, issue #5, with wasm SIMD and without, and the
// classroom module, issue #6). Run as a trunk post_build hook (Trunk.toml) over the staging folder,
// before worker-script.mjs and sw-manifest.mjs.
//
//   node scripts/lazy-modules.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)
//
// Trunk cannot build them: it builds one binary per page. A module with RUSTFLAGS of its own (the
// AI module's wasm SIMD: the first screen's module must not have it, or an old browser without
// wasm SIMD would lose the whole app instead of only the AI lessons) is built by its own cargo run
// into its own target folder (`ownTargetDir`: `NAME-module` inside cargo's target dir), because
// RUSTFLAGS apply to a whole cargo build and the two builds would otherwise invalidate each other;
// the others share trunk's target folder and compile only what their features change (the AI
// module without SIMD: the app crate, the runtime and tract, once; later builds reuse them). All are bound by the
// same local wasm-bindgen and shrunk by the same local wasm-opt as trunk's. Nothing is downloaded:
// cargo runs --offline (scripts/setup.sh fetched every crate).
//
// Output, in the staging folder, for each module NAME:
// - NAME-HASH_bg.wasm and NAME-HASH.js: the module and its wasm-bindgen glue (`web` target; HASH
//   follows their contents);
// - NAME.js, under the fixed name the entry's `url` gives (the app knows it from the same
//   manifest): an ES module that starts the module and re-exports its bindings. The page imports it
//   for the tools it mounts; the module's workers are module workers started from it, named by
//   their role (the module's main() reads the name).
// - image_features.nnef.tar, the image feature extractor (models/image_features, 13.5 MB), which
//   the model lab downloads only when a student turns the camera on (IMAGE_FEATURES_URL in
//   app/src/modules/mod.rs).
// With SPROUT_BINDGEN_TARGET=no-modules (scripts/usb.sh), the glue is bound as `no-modules` with the
// global the entry's `usb.global` names instead, for scripts/usb.mjs to turn into the USB page's
// sibling file, and there is no loader. With SPROUT_MODULE_SPEED=1, the crates an entry lists in
// `speedCrates` are built at opt-level 3 and wasm-opt runs -O3, for measuring what speed costs in
// download. In a release build, an entry's `optLevels` (crate → opt-level) override the web
// profile's for that module alone (cargo keeps each profile's build of a crate apart, so the first
// screen's build is not redone).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modules, repository } from './modules.mjs';

const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/lazy-modules.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';
const bindgenTarget = process.env.SPROUT_BINDGEN_TARGET ?? 'web';
if (!['web', 'no-modules'].includes(bindgenTarget)) throw new Error(`SPROUT_BINDGEN_TARGET: web or no-modules, not ${bindgenTarget}`);

const targetRoot = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(repository, 'target');
// Trunk.toml's `web` profile for a release (everything built for size, like the first screen),
// cargo's dev profile for `trunk serve`.
const profile = release ? 'web' : 'dev';
const speed = process.env.SPROUT_MODULE_SPEED === '1';

/** How `entry` of app/modules.json is built. */
const build = (entry) => ({
  name: entry.name,
  bin: entry.bin ?? entry.name,
  targetDir: entry.ownTargetDir ? path.join(targetRoot, `${entry.name}-module`) : targetRoot,
  rustflags: [process.env.RUSTFLAGS, entry.rustflags].filter(Boolean).join(' '),
  config: [
    ...(release ? Object.entries(entry.optLevels ?? {}) : []),
    ...(speed ? (entry.speedCrates ?? []).map((name) => [name, 3]) : []),
  ].flatMap(([name, level]) => ['--config', `profile.${profile}.package.${name}.opt-level=${JSON.stringify(level)}`]),
  wasmOpt: speed ? ['-O3', ...entry.wasmOpt.filter((flag) => !/^-O/.test(flag))] : entry.wasmOpt,
  features: entry.features,
  global: entry.usb.global,
  loader: path.basename(entry.url),
});

/** Builds `module` into the staging folder; returns its hashed base name and wasm size. */
async function buildModule(module) {
  const cargoArgs = [
    'build',
    '--target=wasm32-unknown-unknown',
    '--manifest-path', path.join(repository, 'app/Cargo.toml'),
    '--bin', module.bin,
    '--features', module.features.join(','),
    '--profile', profile,
    '--offline',
    '--target-dir', module.targetDir,
    ...module.config,
  ];
  console.log(`lazy-modules: cargo ${cargoArgs.join(' ')} (RUSTFLAGS="${module.rustflags}")`);
  execFileSync('cargo', cargoArgs, { stdio: 'inherit', cwd: repository, env: { ...process.env, RUSTFLAGS: module.rustflags } });
  const built = path.join(module.targetDir, 'wasm32-unknown-unknown', profile === 'dev' ? 'debug' : profile, `${module.bin}.wasm`);

  // wasm-bindgen and wasm-opt come from PATH, as for trunk (scripts/setup.sh puts binaryen's first).
  const scratch = path.join(targetRoot, `${module.name}-bindgen`);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  const bindgenArgs = [`--target=${bindgenTarget}`, `--out-dir=${scratch}`, `--out-name=${module.name}`, '--no-typescript', built];
  if (bindgenTarget === 'no-modules') bindgenArgs.unshift(`--no-modules-global=${module.global}`);
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
    const loader = `// Sprout's ${module.name} module (app crate binary \`${module.bin}\`, app/modules.json), written by
// scripts/lazy-modules.mjs: the page (or the script worker) imports this for what the module exports;
// its own workers are module workers started from it, where the module's main() serves by the
// worker's name.
import init from './${base}.js';
export * from './${base}.js';

// A module that fails to load fails this import (on the page) or this script (a worker's error).
await init({ module_or_path: new URL('./${base}_bg.wasm', import.meta.url) });
`;
    await writeFile(path.join(staging, module.loader), loader);
  }
  console.log(`lazy-modules: ${base}.js and ${base}_bg.wasm (${(wasm.length / 1e6).toFixed(2)} MB, ${bindgenTarget})`);
}

for (const entry of modules) await buildModule(build(entry));
const extractor = 'image_features.nnef.tar';
await copyFile(path.join(repository, 'models/image_features', extractor), path.join(staging, extractor));
console.log(`lazy-modules: ${extractor}`);
