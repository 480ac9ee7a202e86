// Shrinks the first screen's files after trunk has written them, without changing what they do:
//
// - The names by which the page's wasm module and its JS glue (wasm-bindgen's app-HASH.js) know each
//   other, in both files at once: the module's imports (wasm-bindgen names each binding after its
//   Rust function and a hash of its signature, `__wbg_getItem_9fc74b31b896f95a`, about 45 bytes, and
//   writes the module's name, `./app_bg.js`, beside each of them) and its exports
//   (`wasm_bindgen__convert__closures_____invoke__h33d70d7fb228ecec`) become `a`, `b`, … `Kb`. Both
//   files carry every name (the wasm's import section, the glue's import object), so this saves
//   their length twice. The module's `producers` and `target_features` sections (which tools and
//   features built it: no browser reads them) go.
// - The glue's indentation, blank lines and whole-line `//` comments (wasm-bindgen writes a
//   comment per closure cast), and the style sheets' comments and the whitespace a style sheet
//   never needs (runs of it, and beside `{`, `}`, `;` and `,`), outside strings; the page's own
//   HTML comments; a `;` before `}`. No minifier's rewriting: trunk's `minify` runs minify-js 0.5
//   on the glue, which gives up on the ES module glue's `export { … as default }` (trunk issue
//   #1044) and has dropped wasm-bindgen's getters (trunk issue #761), and on the page's inline
//   scripts, which scripts/worker-script.mjs and scripts/usb.mjs read as trunk writes them.
//
// Trunk runs this as a post_build hook (Trunk.toml) over its staging folder, before anything reads
// those files (scripts/worker-script.mjs names the glue and the wasm; scripts/sw-manifest.mjs hashes
// every file; scripts/usb.mjs inlines them into the USB page), so the page, the script worker and
// the USB page all load the same pair. Files keep their names (trunk's hashes of what cargo built:
// another build still gets other names); the page's `integrity` attributes get the new contents'.
//
// It refuses, and fails the build, rather than guess: every import's name must appear exactly once
// in the glue, as a key of its import object (`NAME: function`), and the module's name once (the
// object's key). An export is renamed only when its name is wasm-bindgen's (`__…`,
// `wasm_bindgen__…`) and the glue names it as a property (`.NAME`), never in quotes; the glue's
// own exports (the JS functions the page calls) keep their names. The glue is stripped only when
// no line of it ends inside a string or template literal.
//
//   node scripts/shrink.mjs [STAGING_DIR]   (default: $TRUNK_STAGING_DIR)

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const staging = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('usage: node scripts/shrink.mjs STAGING_DIR (or run it as a trunk hook)');
  process.exit(2);
}

/** The one match of `pattern` in `text`, or an error naming `what`. */
function only(text, pattern, what) {
  const found = [...text.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`shrink: expected one ${what}, found ${found.length}`);
  return found[0];
}

// The page's glue and wasm, as trunk's start-up script names them (as scripts/worker-script.mjs reads them).
const pagePath = path.join(staging, 'index.html');
let page = await readFile(pagePath, 'utf8');
const glueName = only(page, /\bimport init\b[^'"]*['"]\.\/([^'"]+\.js)['"]/g, 'import of the wasm glue in the page')[1];
const wasmName = only(page, /\binit\(\{\s*module_or_path:\s*['"]\.\/([^'"]+\.wasm)['"]\s*\}\)/g, 'wasm file in the page')[1];
let glue = await readFile(path.join(staging, glueName), 'utf8');
const wasm = await readFile(path.join(staging, wasmName));

// --- The wasm binary: sections, LEB128 numbers and names (the WebAssembly core spec, "Modules"). ---

/** Reads an unsigned LEB128 number at `offset`: [value, next offset]. */
function leb(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, offset];
  }
}
/** An unsigned LEB128 number's bytes. */
function lebBytes(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}
/** Reads a name (a length and UTF-8 bytes) at `offset`: [name, next offset]. */
function readName(bytes, offset) {
  const [length, start] = leb(bytes, offset);
  return [bytes.subarray(start, start + length).toString('utf8'), start + length];
}
const nameBytes = (name) => Buffer.concat([lebBytes(Buffer.byteLength(name)), Buffer.from(name, 'utf8')]);
/** Skips a table's or memory's limits at `offset`. */
function skipLimits(bytes, offset) {
  const flags = bytes[offset++];
  [, offset] = leb(bytes, offset);
  if (flags & 1) [, offset] = leb(bytes, offset);
  return offset;
}

if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) throw new Error(`shrink: ${wasmName} is not a wasm module`);
const sections = [];
for (let offset = 8; offset < wasm.length; ) {
  const id = wasm[offset];
  const [size, start] = leb(wasm, offset + 1);
  sections.push({ id, body: wasm.subarray(start, start + size) });
  offset = start + size;
}
const CUSTOM = 0;
const IMPORT = 2;
const EXPORT = 7;
/** Custom sections that only say which tools and features built the module (`producers`, `target_features`). */
const DROPPED_SECTIONS = ['producers', 'target_features'];

/** The import section's entries: module, name and the rest of the entry's bytes as they are. */
function readImports(body) {
  const entries = [];
  let [count, offset] = leb(body, 0);
  while (count-- > 0) {
    const start = offset;
    const [module, afterModule] = readName(body, offset);
    const [name, afterName] = readName(body, afterModule);
    offset = afterName;
    const kind = body[offset++];
    if (kind === 0) [, offset] = leb(body, offset); // a function: its type
    else if (kind === 1) offset = skipLimits(body, offset + 1); // a table: element type, limits
    else if (kind === 2) offset = skipLimits(body, offset); // a memory: limits
    else if (kind === 3) offset += 2; // a global: value type, mutability
    else if (kind === 4) [, offset] = leb(body, offset + 1); // a tag: attribute, type
    else throw new Error(`shrink: import ${module}.${name} of unknown kind ${kind} (at ${start})`);
    entries.push({ module, name, rest: body.subarray(afterName, offset) });
  }
  return entries;
}
/** The export section's entries: name and the rest of the entry's bytes (kind, index). */
function readExports(body) {
  const entries = [];
  let [count, offset] = leb(body, 0);
  while (count-- > 0) {
    const [name, afterName] = readName(body, offset);
    offset = afterName + 1;
    [, offset] = leb(body, offset);
    entries.push({ name, rest: body.subarray(afterName, offset) });
  }
  return entries;
}

// --- New names: short JS identifiers, a to Z, then two characters and more. ---

const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NEXT = `${FIRST}0123456789_$`;
/** The `index`th identifier (no reserved word: `do`, `if` and `in` are skipped). */
function* identifiers() {
  for (let length = 1; ; length++) {
    const total = FIRST.length * NEXT.length ** (length - 1);
    for (let index = 0; index < total; index++) {
      let rest = index;
      let id = FIRST[rest % FIRST.length];
      rest = Math.floor(rest / FIRST.length);
      for (let position = 1; position < length; position++) {
        id += NEXT[rest % NEXT.length];
        rest = Math.floor(rest / NEXT.length);
      }
      if (!['do', 'if', 'in'].includes(id)) yield id;
    }
  }
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every occurrence of `name` as a whole identifier in `text` (neither a letter, digit, _ nor $ beside it). */
const occurrences = (text, name) => [...text.matchAll(new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, 'g'))];

// --- Imports: every one from the glue's module, renamed in both files. ---

const importSection = sections.find((section) => section.id === IMPORT);
const imports = importSection ? readImports(importSection.body) : [];
const modules = [...new Set(imports.map((entry) => entry.module))];
if (modules.length !== 1) throw new Error(`shrink: expected the wasm to import from one module, found ${modules.join(', ')}`);
const [oldModule] = modules;
const newModule = 'a';
only(glue, new RegExp(`["']${escape(oldModule)}["']\\s*:`, 'g'), `key "${oldModule}" in ${glueName}`);
glue = glue.replace(new RegExp(`["']${escape(oldModule)}["'](\\s*:)`), `"${newModule}"$1`);

const names = identifiers();
const importNames = new Map();
for (const entry of imports) {
  if (importNames.has(entry.name)) throw new Error(`shrink: ${entry.name} is imported twice`);
  const found = occurrences(glue, entry.name);
  if (found.length !== 1 || !/^\s*:/.test(glue.slice(found[0].index + entry.name.length))) {
    throw new Error(`shrink: import ${entry.name} appears ${found.length} times in ${glueName}, expected once as a key`);
  }
  importNames.set(entry.name, names.next().value);
}
// One pass over the glue, so that a new name is never taken for an old one.
if (importNames.size > 0) {
  const pattern = new RegExp(`(?<![\\w$])(${[...importNames.keys()].map(escape).join('|')})(?=\\s*:)`, 'g');
  glue = glue.replace(pattern, (name) => importNames.get(name));
}

// --- Exports: those the glue names only as a property (`wasm.NAME`, whatever the object's name). ---

const exportSection = sections.find((section) => section.id === EXPORT);
const exports = exportSection ? readExports(exportSection.body) : [];
const exportNames = new Map();
const exportIds = identifiers();
for (const entry of exports) {
  const found = occurrences(glue, entry.name);
  const asProperty = found.filter((match) => glue[match.index - 1] === '.');
  const quoted = found.filter((match) => /['"`]/.test(glue[match.index - 1] ?? ''));
  // The glue's own functions may be named like the export they wrap: those are left alone. A name
  // in quotes might be a property looked up by name: that export keeps its name.
  // Only wasm-bindgen's own names (`__wbindgen_malloc`, `wasm_bindgen__convert__closures…`): a
  // word like `memory` or `main` could be another object's property too.
  if (!/^(__|wasm_bindgen__)/.test(entry.name) || asProperty.length === 0 || quoted.length > 0) continue;
  let id = exportIds.next().value;
  while (exports.some((other) => other.name === id)) id = exportIds.next().value;
  exportNames.set(entry.name, id);
}
if (exportNames.size > 0) {
  const pattern = new RegExp(`(?<=\\.)(${[...exportNames.keys()].map(escape).join('|')})(?![\\w$])`, 'g');
  glue = glue.replace(pattern, (name) => exportNames.get(name));
}

// --- The new wasm: the two sections rewritten, every other byte as it was. ---

function section(id, body) {
  return Buffer.concat([Buffer.from([id]), lebBytes(body.length), body]);
}
const parts = [wasm.subarray(0, 8)];
for (const { id, body } of sections) {
  if (id === IMPORT) {
    const entries = imports.map((entry) => Buffer.concat([nameBytes(newModule), nameBytes(importNames.get(entry.name)), entry.rest]));
    parts.push(section(id, Buffer.concat([lebBytes(imports.length), ...entries])));
  } else if (id === EXPORT) {
    const entries = exports.map((entry) => Buffer.concat([nameBytes(exportNames.get(entry.name) ?? entry.name), entry.rest]));
    parts.push(section(id, Buffer.concat([lebBytes(exports.length), ...entries])));
  } else if (id === CUSTOM && DROPPED_SECTIONS.includes(readName(body, 0)[0])) {
    // Tool metadata no browser reads.
  } else {
    parts.push(section(id, body));
  }
}
const newWasm = Buffer.concat(parts);
if (!WebAssembly.validate(newWasm)) throw new Error(`shrink: the rewritten ${wasmName} does not validate`);

// --- Text: the glue's indentation and comment lines, the style sheets' comments and spaces. ---

/** The glue without indentation, blank lines and whole-line `//` comments; as it is when a line might end inside a string. */
function stripScript(text, name) {
  const lines = text.split('\n');
  // A line with an odd number of backticks, or ending in a backslash, may continue a string or a
  // template literal on the next line, whose leading spaces are the string's: leave such a file alone.
  if (lines.some((line) => (line.match(/`/g) ?? []).length % 2 === 1 || /\\$/.test(line))) {
    console.log(`shrink: ${name} has a string across lines: left as it is`);
    return text;
  }
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n')
    .concat('\n');
}

/** A style sheet without comments and without the whitespace CSS never needs, its strings untouched. */
function stripStyleSheet(text, name) {
  let out = '';
  for (let index = 0; index < text.length; ) {
    const char = text[index];
    if (char === '"' || char === "'") {
      let end = index + 1;
      while (end < text.length && text[end] !== char) end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length || text.slice(index, end).includes('\n')) throw new Error(`shrink: ${name}: a string that does not end at ${index}`);
      out += text.slice(index, end + 1);
      index = end + 1;
    } else if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2);
      if (end < 0) throw new Error(`shrink: ${name}: a comment that does not end at ${index}`);
      // A comment separates like a space (`a/**/b` is two tokens).
      out += ' ';
      index = end + 2;
    } else if (/\s/.test(char)) {
      while (index < text.length && /\s/.test(text[index])) index++;
      out += ' ';
    } else {
      out += char;
      index++;
    }
  }
  // Spaces beside `{ } ; ,` separate nothing (and a `,` or `;` ends a token). Outside strings only:
  // split on them, tidy the code between, and put them back.
  const parts = out.split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/);
  const code = parts.map((part, index) => (index % 2 === 1 ? part : part.replace(/ ?([{};,]) ?/g, '$1').replace(/;}/g, '}')));
  return code.join('').trim().concat('\n');
}

/** The page without its HTML comments (but those inside a script, which are the script's). */
function stripPage(text) {
  return text
    .split(/(<script\b[\s\S]*?<\/script>)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/<!--[\s\S]*?-->\n?/g, '').replace(/\n[ \t]*\n/g, '\n')))
    .join('');
}

const changed = new Map([
  [glueName, Buffer.from(stripScript(glue, glueName), 'utf8')],
  [wasmName, newWasm],
]);
const styleSheets = [...page.matchAll(/<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']\.\/([^"']+\.css)["'][^>]*>/g)].map((match) => match[1]);
for (const name of styleSheets) {
  const text = await readFile(path.join(staging, name), 'utf8');
  const stripped = stripStyleSheet(text, name);
  // The same rules: as many blocks (braces in comments aside) before as after.
  if (text.replace(/\/\*[\s\S]*?\*\//g, '').split('{').length !== stripped.split('{').length) throw new Error(`shrink: ${name}: the rules changed`);
  changed.set(name, Buffer.from(stripped, 'utf8'));
}
page = stripPage(page);

// --- The page's integrity attributes, for the files' new contents. ---

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
for (const [name, bytes] of changed) {
  const href = new RegExp(`\\bhref=["']\\./${escape(name)}["']`);
  page = page.replace(/<link\b[^>]*>/g, (tag) =>
    href.test(tag) ? tag.replace(/(\bintegrity=["'])[^"']*(["'])/, (_, before, after) => `${before}${integrity(bytes)}${after}`) : tag,
  );
}

let before = 0;
let after = 0;
for (const [name, bytes] of changed) {
  before += (await readFile(path.join(staging, name))).length;
  after += bytes.length;
  await writeFile(path.join(staging, name), bytes);
}
await writeFile(pagePath, page);
console.log(
  `shrink: ${importNames.size} imports and ${exportNames.size} exports of ${wasmName} renamed; ${[...changed.keys()].join(', ')}: ${before} → ${after} bytes`,
);
