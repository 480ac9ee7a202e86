// Writes the service worker of a build: app/sw.js with the build's file list filled in. Trunk runs
// this as a post_build hook (Trunk.toml) over its staging folder, after it has written every file,
// so the list has trunk's hashed names and the script worker's unhashed worker.js (written just
// before by scripts/worker-script.mjs) with their contents' hashes.
//
//   node scripts/sw-manifest.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)
//
// The cache version hashes every file's name and contents: any change in a build, including
// worker.js, makes a new sw.js and so a new cache. The course's unit files (each unit's lesson text
// and tests, scripts/course-units.mjs) are kept at install like the page, so that every lesson opens
// offline after one visit. The lazily loaded modules' files (app/modules.json,
// built by scripts/lazy-modules.mjs) and the image feature extractor are listed as `lazy`: the service
// worker caches them when first used, not at install.

import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { moduleFile, repository } from './modules.mjs';

const TEMPLATE = path.join(repository, 'app/sw.js');
const PLACEHOLDER = '/* SPROUT_BUILD */ null';
const SERVICE_WORKER = 'sw.js';
/** The lazily loaded modules' files (each loader and the hashed glue and wasm it loads) and the image feature extractor. */
const isLazy = (name) => moduleFile.test(name) || name === 'image_features.nnef.tar';

/** Every file under `root`, as sorted '/'-separated paths relative to it. */
async function filesUnder(root) {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
    .sort();
}

const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/sw-manifest.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}

const files = [];
const version = createHash('sha256');
for (const name of await filesUnder(staging)) {
  if (name === SERVICE_WORKER) continue;
  const digest = createHash('sha256').update(await readFile(path.join(staging, name))).digest('base64');
  files.push({ name, integrity: `sha256-${digest}`, ...(isLazy(name) ? { lazy: true } : {}) });
  version.update(`${name}\0${digest}\0`);
}

const template = await readFile(TEMPLATE, 'utf8');
if (template.split(PLACEHOLDER).length !== 2) {
  throw new Error(`${TEMPLATE} must contain ${PLACEHOLDER} exactly once`);
}
const build = { version: version.digest('hex').slice(0, 16), files };
await writeFile(path.join(staging, SERVICE_WORKER), template.replace(PLACEHOLDER, () => JSON.stringify(build, null, 2)));
console.log(`sw-manifest: ${files.length} files, cache version ${build.version}`);
