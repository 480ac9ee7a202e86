// Turns a trunk build of the app with the UI bound as `no-modules` (scripts/usb.sh makes one) into
// a single index.html that opens by double-click, from a USB stick, with no server: browsers block
// ES modules, fetch and workers loaded from file:// pages, so everything the page needs is inside
// it.
//
//   node scripts/usb.mjs STAGE_DIR OUT_DIR
//
// - the stylesheets become <style> elements;
// - the wasm-bindgen glue of the app's one wasm module is an ordinary <script>, and the module is
//   in the page once, as base64: the page compiles it once and instantiates the UI with it;
// - the script worker is a classic worker from a Blob URL whose source is the same glue and a few
//   lines: its first message is the compiled module, which it instantiates (its `main` then
//   serves runs), and a MessagePort. The page publishes `window.SPROUT_START_WORKER(name)`, which
//   starts one (named as the app asks: after the AI module it loads) and sends it the module, for
//   the app to use instead of ./worker.js. The worker cannot load scripts beside a file:// page, so
//   it gets each lazily loaded module's `usb.load` function too, which asks the page through the
//   port: the page loads the module's sibling file and posts back its glue and the module's bytes,
//   which the worker compiles and instantiates (the AI module's backend, beside the engine).
// - each lazily loaded module of app/modules.json (scripts/modules.mjs; scripts/lazy-modules.mjs
//   bound it as `no-modules` with the global its `usb.global` names) goes into a sibling file
//   (`usb.file`: ai.js, ai-nosimd.js, classroom.js), which holds its glue as text and the module as
//   base64, and which the page loads with a <script> tag only when it is first needed (file:// pages
//   may load scripts from their own folder, not fetch them). For each, the page publishes `usb.load` (the
//   module on the page, e.g. for the drawing pad and the model lab) and `usb.startWorker` (a
//   classic Blob-URL worker, named by its role, that gets the glue and the compiled module as its
//   first message), which app/src/modules/mod.rs uses instead of the served loader.
// - each of the course's unit files (unit-DIGEST.json: a unit's lesson text, hints and tests, which
//   the served app fetches when a lesson of the unit opens; scripts/course-units.mjs) goes into a
//   sibling script of the same name, unit-DIGEST.js, which holds the file's text and which the
//   page loads with a <script> tag when a lesson of the unit first opens; the page publishes
//   `SPROUT_LOAD_UNIT(name)`, which resolves to the text (app/src/course/units.rs uses it in place of
//   fetch).
// - the image feature extractor (image_features.nnef.tar, for the model lab's camera) goes into
//   another sibling file, image_features.js, as base64, loaded the same way only when a student
//   turns the camera on; the page publishes `SPROUT_LOAD_IMAGE_FEATURES`, which resolves to its
//   bytes.
// Anything else in the build (a file this script does not know) is an error, not left behind.

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { modules, unitFile } from './modules.mjs';

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
// Served builds only: worker.js imports the glue as an ES module, the service worker is for http(s).
const unused = new Set(['worker.js', 'sw.js']);
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
const glue = await read(glueName, 'utf8');
if (!/^let wasm_bindgen = /m.test(glue)) {
  throw new Error(`${glueName} is not a no-modules glue: build with data-bindgen-target="no-modules"`);
}
const wasm = (await read(wasmName)).toString('base64');

/** Each lazy module's glue (text) and wasm (base64), from the no-modules build. */
const lazy = [];
for (const module of modules) {
  const glueName = files.find((name) => new RegExp(`^${module.name}-[0-9a-f]{16}\\.js$`).test(name));
  if (!glueName) throw new Error(`the build has no ${module.name} module (${module.name}-HASH.js): scripts/lazy-modules.mjs runs as a trunk hook`);
  const moduleGlue = await read(glueName, 'utf8');
  if (!new RegExp(`^let ${module.usb.global} = `, 'm').test(moduleGlue)) {
    throw new Error(`${glueName} is not a no-modules glue with the global ${module.usb.global}: build with SPROUT_BINDGEN_TARGET=no-modules`);
  }
  lazy.push({ module, glue: moduleGlue, wasm: (await read(glueName.replace(/\.js$/, '_bg.wasm'))).toString('base64') });
}
const extractor = (await read('image_features.nnef.tar')).toString('base64');
/** The course's unit files: name and text. */
const units = [];
for (const name of files.filter((file) => unitFile.test(file))) units.push({ name, text: await read(name, 'utf8') });
if (units.length === 0) throw new Error('the build has no unit files (unit-DIGEST.json): scripts/course-units.mjs runs as a trunk hook');

const leftOver = files.filter((name) => !used.has(name) && !unused.has(name));
if (leftOver.length > 0) throw new Error(`the USB page does not know what to do with: ${leftOver.join(', ')}`);

const scripts = `
<!-- The app's wasm-bindgen glue, for the page and, as text, for the script worker. -->
<script id="sprout-glue">
${raw(glue, 'script')}
</script>
<!-- The script worker's lines after the glue. The page posts the compiled module first; the
     module's main() then sets its own handler for the app's requests, so this one goes. A module
     that fails to start is thrown again from a task, so that the page sees the worker's error. -->
<script type="text/plain" id="sprout-worker-start">
addEventListener('message', function (event) {
  var port = event.data.port, waiting = {};
  // A lazily loaded module the page sent on request: instantiated here, in the worker.
  port.onmessage = function (reply) {
    var settle = waiting[reply.data.name];
    delete waiting[reply.data.name];
    if (!reply.data.bytes) return settle.reject(new Error(reply.data.name + ' could not be loaded'));
    var init = new Function(reply.data.glue + '\\nreturn ' + reply.data.global + ';')();
    init({ module_or_path: reply.data.bytes }).then(function () { settle.resolve(init); }, settle.reject);
  };
  // Each lazily loaded module's load function, as on the page: resolves to its exports.
  Object.keys(event.data.hooks).forEach(function (hook) {
    var name = event.data.hooks[hook], loaded = null;
    self[hook] = function () {
      if (!loaded) {
        loaded = new Promise(function (resolve, reject) {
          waiting[name] = { resolve: resolve, reject: reject };
          port.postMessage(name);
        });
        loaded.catch(function () { loaded = null; });
      }
      return loaded;
    };
  });
  wasm_bindgen({ module_or_path: event.data.module }).catch(function (error) {
    setTimeout(function () { throw error; });
  });
}, { once: true });
</script>
<!-- The module, compiled once for the page and every script worker it starts. -->
<script>
(function () {
  var text = atob("${wasm}"), bytes = new Uint8Array(text.length);
  for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  var workerSource = ['sprout-glue', 'sprout-worker-start'].map(function (id) {
    return document.getElementById(id).textContent;
  });
  var workerUrl = URL.createObjectURL(new Blob(workerSource, { type: 'text/javascript' }));
  WebAssembly.compile(bytes).then(function (module) {
    window.SPROUT_START_WORKER = function (name) {
      var worker = new Worker(workerUrl, { name: name || '' });
      var channel = new MessageChannel(), modules = window.SPROUT_MODULES, hooks = {};
      Object.keys(modules).forEach(function (name) { hooks[modules[name].hook] = name; });
      // The worker asks for a lazily loaded module by name; it gets the glue and the module's bytes
      // (a compiled module cannot cross a MessagePort), or no bytes when its sibling script could
      // not be loaded.
      channel.port1.onmessage = function (event) {
        var wanted = modules[event.data];
        wanted.script().then(function (found) {
          channel.port1.postMessage({ name: event.data, glue: found.glue, global: wanted.global, bytes: found.bytes });
        }, function () { channel.port1.postMessage({ name: event.data }); });
      };
      worker.postMessage({ module: module, port: channel.port2, hooks: hooks }, [channel.port2]);
      return worker;
    };
    return wasm_bindgen({ module_or_path: module });
  }).then(function (wasm) {
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
  });
})();
</script>
<!-- A lazy module's worker start: its first message is the module's glue, its global's name and its
     compiled module (or, when its sibling script could not be loaded, no module, which it throws for
     the page to see). -->
<script type="text/plain" id="sprout-module-worker-start">
addEventListener('message', function (event) {
  if (!event.data.module) throw new Error(event.data.src + ' could not be loaded');
  var init = new Function(event.data.glue + '\\nreturn ' + event.data.global + ';')();
  init({ module_or_path: event.data.module }).catch(function (error) {
    setTimeout(function () { throw error; });
  });
}, { once: true });
</script>
<!-- The lazily loaded modules, from their sibling scripts beside this page, when first needed. -->
<script>
(function () {
  var workerUrl = URL.createObjectURL(new Blob([document.getElementById('sprout-module-worker-start').textContent], { type: 'text/javascript' }));
  /** A sibling script that sets window[key] to a module's glue (text) and wasm (base64): resolves
      to the glue, the compiled module and its bytes, loading the script once. */
  function sibling(src, key) {
    var loaded = null;
    return function () {
      if (!loaded) {
        loaded = new Promise(function (resolve, reject) {
          var element = document.createElement('script');
          element.src = src;
          element.onload = function () {
            var found = window[key], text = atob(found.wasm), bytes = new Uint8Array(text.length);
            for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
            WebAssembly.compile(bytes).then(function (module) { resolve({ glue: found.glue, module: module, bytes: bytes }); }, reject);
          };
          element.onerror = function () { loaded = null; reject(new Error(src + ' could not be loaded')); };
          document.head.appendChild(element);
        });
      }
      return loaded;
    };
  }
  /** Starts a module on the page once: resolves to its exports. */
  function onPage(script, global) {
    var page = null;
    return function () {
      if (!page) {
        page = script().then(function (found) {
          var init = new Function(found.glue + '\\nreturn ' + global + ';')();
          return init({ module_or_path: found.module }).then(function () { return init; });
        });
        page.catch(function () { page = null; });
      }
      return page;
    };
  }
  /** Starts a worker running a module from its sibling script, named by its role. */
  function worker(script, src, global) {
    return function (name) {
      var started = new Worker(workerUrl, { name: name || '' });
      script().then(function (found) {
        started.postMessage({ glue: found.glue, global: global, module: found.module });
      }, function () { started.postMessage({ src: src }); });
      return started;
    };
  }
  /** Each module's sibling script, global and load function's name, for the script worker. */
  window.SPROUT_MODULES = {};
${lazy.map(({ module: { name, usb } }) => `  var ${usb.global}Script = sibling(${JSON.stringify(usb.file)}, ${JSON.stringify(usb.data)});
  window.${usb.load} = onPage(${usb.global}Script, ${JSON.stringify(usb.global)});
  window.${usb.startWorker} = worker(${usb.global}Script, ${JSON.stringify(usb.file)}, ${JSON.stringify(usb.global)});
  window.SPROUT_MODULES[${JSON.stringify(name)}] = { script: ${usb.global}Script, global: ${JSON.stringify(usb.global)}, hook: ${JSON.stringify(usb.load)} };
`).join('')}  var units = {};
  /** A unit file of the course (unit-DIGEST.json), from its sibling script unit-DIGEST.js: resolves
      to its text, loading the script once. */
  window.SPROUT_LOAD_UNIT = function (name) {
    if (!/^unit-[0-9a-f]{16}\\.json$/.test(name)) return Promise.reject(new Error(name + ' is not a unit file'));
    if (!units[name]) {
      units[name] = new Promise(function (resolve, reject) {
        var element = document.createElement('script');
        element.src = name.replace(/\\.json$/, '.js');
        element.onload = function () {
          var text = (window.SPROUT_UNITS || {})[name];
          if (typeof text === 'string') return resolve(text);
          delete units[name];
          reject(new Error(element.src + ' holds no ' + name));
        };
        element.onerror = function () { delete units[name]; reject(new Error(element.src + ' could not be loaded')); };
        document.head.appendChild(element);
      });
    }
    return units[name];
  };
  var extractor = null;
  /** image_features.js loaded: resolves to the image feature extractor's bytes. */
  window.SPROUT_LOAD_IMAGE_FEATURES = function () {
    if (!extractor) {
      extractor = new Promise(function (resolve, reject) {
        var element = document.createElement('script');
        element.src = 'image_features.js';
        element.onload = function () {
          var text = atob(window.SPROUT_IMAGE_FEATURES), bytes = new Uint8Array(text.length);
          for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
          delete window.SPROUT_IMAGE_FEATURES;
          resolve(bytes);
        };
        element.onerror = function () { extractor = null; reject(new Error('image_features.js could not be loaded')); };
        document.head.appendChild(element);
      });
    }
    return extractor;
  };
})();
</script>
`;
// At the end of <body>: the app mounts on it, so it must exist when the wasm starts.
const bodyEnd = only(page, /<\/body>/g, '</body>');
page = page.slice(0, bodyEnd.index) + scripts + page.slice(bodyEnd.index);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'index.html'), page);
for (const { module, glue: moduleGlue, wasm: moduleWasm } of lazy) {
  await writeFile(
    path.join(out, module.usb.file),
    `// Sprout's ${module.name} module for the USB page (index.html beside it loads this when it is first needed:
// ${module.about}): the wasm-bindgen glue as text, for the page and for the module's workers, and the
// module as base64. Written by scripts/usb.mjs.
window.${module.usb.data} = { glue: ${JSON.stringify(moduleGlue)}, wasm: "${moduleWasm}" };
`,
  );
}
for (const { name, text } of units) {
  await writeFile(
    path.join(out, name.replace(/\.json$/, '.js')),
    `// Sprout's lesson text, hints and tests of one unit of the course, for the USB page (index.html beside it
// loads this when a lesson of the unit first opens): the text of ${name}. Written by scripts/usb.mjs.
(window.SPROUT_UNITS = window.SPROUT_UNITS || {})[${JSON.stringify(name)}] = ${JSON.stringify(text)};
`,
  );
}
await writeFile(
  path.join(out, 'image_features.js'),
  `// Sprout's image feature extractor (models/image_features, NNEF) for the USB page's model lab, as
// base64: index.html beside it loads this when a student turns the camera on. Written by scripts/usb.mjs.
window.SPROUT_IMAGE_FEATURES = "${extractor}";
`,
);
console.log(`usb: ${path.join(out, 'index.html')} (${(Buffer.byteLength(page) / 1e6).toFixed(1)} MB), ${lazy.map(({ module }) => module.usb.file).join(', ')} and ${units.length} unit files, from ${[...used].sort().join(', ')}`);
