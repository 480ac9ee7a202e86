// Puts the course's unit files beside the page: the lesson text, hints and tests of each unit of
// the embedded course, which the app loads when a lesson of the unit opens (app/src/course/units.rs).
// app/build.rs writes them into its cargo OUT_DIR (`units/unit-DIGEST.json`, DIGEST the first 16 hex
// digits of the file's SHA-256) and gives the page's wasm their names; trunk copies nothing out of
// OUT_DIR, so this script, run as a trunk post_build hook (Trunk.toml) over the staging folder after
// worker-script.mjs and before sw-manifest.mjs (which then lists them for the service worker to
// keep from the first visit on), reads the names out of the page's wasm module and copies those very
// files from the app's build folders (`wasm32-unknown-unknown/PROFILE/build/sprout-app-*/out/units`
// in cargo's target dir). Names follow contents, so any build folder holding a name holds the
// right file; each is checked against its digest. A name the wasm carries that no build folder has
// fails the build.
//
//   node scripts/course-units.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)

import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repository, unitFile } from './modules.mjs';

const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/course-units.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}
const targetRoot = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(repository, 'target');

/** The one match of `pattern` in `text`, or an error naming `what`. */
function only(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`expected one ${what} in the trunk page, found ${found.length}`);
  return found[0][1];
}

// The page's wasm, from trunk's start-up script (`init({ module_or_path: './app-HASH_bg.wasm' })`).
const page = await readFile(path.join(staging, 'index.html'), 'utf8');
const wasm = only(page, /\binit\(\{ module_or_path: '\.\/([^']+\.wasm)' \}\)/g, 'wasm file');
const names = [
  ...new Set(
    (await readFile(path.join(staging, wasm)))
      .toString('latin1')
      .match(new RegExp(unitFile.source.replace(/^\^|\$$/g, ''), 'g')) ?? [],
  ),
].sort();
if (names.length === 0) throw new Error(`${wasm} names no unit files (unit-DIGEST.json): is it the app's?`);

/** Every folder where a build of the app crate wrote its unit files. */
async function buildFolders() {
  const target = path.join(targetRoot, 'wasm32-unknown-unknown');
  const folders = [];
  for (const profile of await readdir(target).catch(() => [])) {
    const builds = path.join(target, profile, 'build');
    for (const build of await readdir(builds).catch(() => [])) {
      if (build.startsWith('sprout-app-')) folders.push(path.join(builds, build, 'out/units'));
    }
  }
  return folders;
}

const folders = await buildFolders();
for (const name of names) {
  let found = null;
  for (const folder of folders) {
    const bytes = await readFile(path.join(folder, name)).catch(() => null);
    if (bytes && createHash('sha256').update(bytes).digest('hex').slice(0, 16) === name.slice('unit-'.length, -'.json'.length)) {
      found = bytes;
      break;
    }
  }
  if (!found) throw new Error(`${wasm} names ${name}, which no build of the app in ${targetRoot} holds`);
  await writeFile(path.join(staging, name), found);
}
console.log(`course-units: ${names.length} unit files (${names.join(', ')})`);
