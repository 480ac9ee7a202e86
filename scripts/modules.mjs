// The app's wasm modules and size budgets, from app/modules.json: the one list that the app's
// loader (app/build.rs → app/src/modules/mod.rs) and every build script read, so that adding a
// lazily loaded module is an entry there, a binary and its root. Imported by lazy-modules.mjs,
// usb.mjs, sw-manifest.mjs and bundle-report.mjs. It also names the course's unit files (not wasm
// modules, but loaded later like them), for course-units.mjs, usb.mjs and bundle-report.mjs.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const manifest = JSON.parse(readFileSync(path.join(repository, 'app/modules.json'), 'utf8'));

/** The first screen's budget and the students' total budget, in KB (1000 bytes) of brotli. */
export const firstScreen = manifest.firstScreen;
export const studentsTotal = manifest.studentsTotal;

/** Every lazily loaded module: name, features, rustflags, wasmOpt, students, budgetKb, url, usb… */
export const modules = manifest.modules;

const names = modules.map((module) => module.name).join('|');

/** A file of a lazily loaded module in a build: its loader NAME.js, or its hashed glue and wasm. */
export const moduleFile = new RegExp(`^(${names})(-[0-9a-f]{16}(_bg\\.wasm|\\.js)|\\.js)$`);

/**
 * A unit file of the course in a build: a unit's lesson text, hints and tests, named by the first 16
 * hex digits of its SHA-256 (app/build.rs writes them, scripts/course-units.mjs puts them beside the
 * page), which the app loads when a lesson of the unit opens.
 */
export const unitFile = /^unit-[0-9a-f]{16}\.json$/;

/** The files of module `module` in a build. */
export const filesOf = (module) => new RegExp(`^${module.name}(-[0-9a-f]{16}(_bg\\.wasm|\\.js)|\\.js)$`);
