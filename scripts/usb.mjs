// Turns a trunk build of the app with the UI bound as `no-modules` (scripts/usb.sh makes one) into
// a single index.html that opens by double-click, from a USB stick, with no server: browsers block
// ES modules, fetch and workers loaded from file:// pages, so everything the page needs is inside
// it.
//
//   node scripts/usb.mjs STAGE_DIR OUT_DIR
//
// - the stylesheets become <style> elements;
// - the UI's wasm-bindgen glue is an ordinary <script>, and its wasm is instantiated from bytes
//   decoded from base64;
// - the script worker (its glue, then its wasm as base64 and the call that starts it) is kept as
//   text in the page and started from a Blob URL, which the page publishes as
//   `window.SPROUT_WORKER_URL` for the app to use instead of ./worker_loader.js.
// Anything else in the build (a file this script does not know) is an error, not left behind.

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const [stage, out] = process.argv.slice(2);
if (!stage || !out) {
  console.error('usage: node scripts/usb.mjs STAGE_DIR OUT_DIR');
  process.exit(2);
}

/** The one match of `pattern` in `text`, or an error naming `what`. */
function only(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`expected one ${what} in the trunk page, found ${found.length}`);
  return found[0];
}

/** Text that is safe inside a <script> or <style> element. */
function raw(text, element) {
  // `<!--` would put the HTML parser into a mode where a later `<script` nests.
  if (new RegExp(`</${element}|<!--`, 'i').test(text)) throw new Error(`cannot inline text containing </${element} or <!--`);
  return text;
}

const files = (await readdir(stage, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile())
  .map((entry) => path.relative(stage, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'));
const used = new Set(['index.html']);
// Served builds only: the loader is replaced by the Blob URL, the service worker is for http(s).
const unused = new Set(['worker_loader.js', 'sw.js']);
const read = async (name, encoding) => {
  used.add(name);
  return readFile(path.join(stage, name), encoding);
};

let page = await readFile(path.join(stage, 'index.html'), 'utf8');

// Stylesheets, in their order. System fonts only: a url() would point at a file left behind.
for (const [link, href] of page.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*>/g)) {
  const css = await read(href, 'utf8');
  if (/url\(\s*(?!["']?data:)/.test(css)) throw new Error(`${href} refers to another file with url()`);
  page = page.replace(link, () => `<style>\n${raw(css, 'style')}\n</style>`);
}

// Trunk's start-up script imports the glue as a module, which file:// forbids: it goes, with the
// preloads that name the same files.
const [startup, glueName] = only(page, /<script type="module">\s*import init[^']*'\.\/([^']+\.js)';[\s\S]*?<\/script>/g, 'start-up script');
page = page.replace(startup, '');
page = page.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, '');
const wasmName = glueName.replace(/\.js$/, '_bg.wasm');
const appGlue = await read(glueName, 'utf8');
if (!/^let wasm_bindgen = /m.test(appGlue)) {
  throw new Error(`${glueName} is not a no-modules glue: build with data-bindgen-target="no-modules"`);
}
const appWasm = (await read(wasmName)).toString('base64');
const workerGlue = await read('worker.js', 'utf8');
const workerWasm = (await read('worker_bg.wasm')).toString('base64');

const leftOver = files.filter((name) => !used.has(name) && !unused.has(name));
if (leftOver.length > 0) throw new Error(`the USB page does not know what to do with: ${leftOver.join(', ')}`);

// Decodes base64 to bytes; defined in the page and again in the worker.
const DECODE = `function sproutBytes(base64) {
  var text = atob(base64), bytes = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}`;

const scripts = `
<!-- The script worker, as text: its glue, then its wasm and the call that starts it. -->
<script type="text/plain" id="sprout-worker-source">${raw(workerGlue, 'script')}
${DECODE}
wasm_bindgen({ module_or_path: sproutBytes("${workerWasm}") });
</script>
<script>
  window.SPROUT_WORKER_URL = URL.createObjectURL(
    new Blob([document.getElementById('sprout-worker-source').textContent], { type: 'text/javascript' }),
  );
</script>
<!-- The UI: its glue, then its wasm. -->
<script>
${raw(appGlue, 'script')}
</script>
<script>
${DECODE}
wasm_bindgen({ module_or_path: sproutBytes("${appWasm}") }).then(function (wasm) {
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
});
</script>
`;
// At the end of <body>: the app mounts on it, so it must exist when the wasm starts.
const bodyEnd = only(page, /<\/body>/g, '</body>');
page = page.slice(0, bodyEnd.index) + scripts + page.slice(bodyEnd.index);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'index.html'), page);
console.log(`usb: ${path.join(out, 'index.html')} (${(Buffer.byteLength(page) / 1e6).toFixed(1)} MB), inlined ${[...used].sort().join(', ')}`);
