// Writes worker.js, the script the app's script worker starts from (WORKER_URL in
// app/src/workers/protocol.rs). The page and the worker are one wasm module: trunk loads it on the page
// under content-hashed names (app-HASH.js, app-HASH_bg.wasm) that the wasm cannot know, so this
// script, run as a trunk post_build hook (Trunk.toml) over the staging folder, reads them from
// the page trunk wrote and writes a module worker that loads the same two files.
//
//   node scripts/worker-script.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const WORKER_SCRIPT = 'worker.js';

const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/worker-script.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}

/** The one match of `pattern` in `text`, or an error naming `what`. */
function only(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`expected one ${what} in the trunk page, found ${found.length}`);
  return found[0][1];
}

// Trunk's start-up script: `import init, * as bindings from './app-HASH.js';` then
// `await init({ module_or_path: './app-HASH_bg.wasm' })`.
const page = await readFile(path.join(staging, 'index.html'), 'utf8');
const glue = only(page, /^import init\b[^']*'(\.\/[^']+\.js)';$/gm, 'import of the wasm glue');
const wasm = only(page, /\binit\(\{ module_or_path: '(\.\/[^']+\.wasm)' \}\)/g, 'wasm file');

const script = `// Sprout's script worker: the page's own wasm module, whose main() serves runs and gradings
// when it starts in a worker. Written by scripts/worker-script.mjs.
import init from '${glue}';

// A module that fails to load fails this script, which the page sees as the worker's error.
await init({ module_or_path: '${wasm}' });
`;
await writeFile(path.join(staging, WORKER_SCRIPT), script);
console.log(`worker-script: ${WORKER_SCRIPT} loads ${glue} and ${wasm}`);
