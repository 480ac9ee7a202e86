// Times the student programs of scripts/bench-programs/ (recursive fib(25), a sum over 10⁶, sorting
// with the built-in sort and with a student's merge sort, a 1,000×64 data set built row by row,
// an array-indexing loop, string building) in the app and natively, for one build or for a build
// against a baseline in the same run, and prints a table. A benchmark, not a test: it prints and
// does not judge.
//
// - In the app: Debian's headless Chromium (scripts/chromium.mjs) opens the free editor (#/play),
//   and for each program puts it in the editor, runs it once to warm up, then clicks Run `--runs`
//   times; each time is the page's clock from the click to the console showing the run's output
//   (a MutationObserver on the console, so no polling delay). A marker printed at the end
//   (`print("⏱ 3")`, a few operations) tells each run's output from the one before.
// - Natively: `sprout run PROGRAM` (the CLI, built with `cargo build --release -p sprout-cli`),
//   the processor time (user and system, from GNU time) of the whole process, start included: on
//   a machine shared with other work, wall time mostly measures the wait for a free core. GNU time
//   counts in hundredths of a second.
// Each cell is the median of `--runs` runs (default 5). A program the build refuses (a diagnostic
// instead of the output, as a baseline with smaller limits gives for big arrays) shows the
// diagnostic's code instead of a time. Ratios are baseline ÷ build: above 1 means faster than the
// baseline.
//
//   node scripts/bench-programs.mjs [--runs N] [--only NAME,...] [--cli PATH] [--base DIST --base-cli PATH] [DIST]
//
// `--only fib,sum` times just those programs (for quick comparisons while tuning). Defaults: 5 runs,
// dist, target/release/sprout. For a baseline, build its dist (`trunk build --release --offline`)
// and CLI (`cargo build --release -p sprout-cli`) in a git worktree of the baseline commit.

import { spawnSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serve } from './chromium.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let runs = 5;
let distribution = 'dist';
let cli = path.join(repository, 'target/release/sprout');
let baseDistribution = null;
let baseCli = null;
let only = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--cli') cli = args[++i];
  else if (args[i] === '--base') baseDistribution = args[++i];
  else if (args[i] === '--base-cli') baseCli = args[++i];
  else if (args[i] === '--only') only = args[++i].split(',');
  else distribution = args[i];
}
if (!Number.isInteger(runs) || runs < 1 || Boolean(baseDistribution) !== Boolean(baseCli)) {
  console.error('usage: node scripts/bench-programs.mjs [--runs N] [--only NAME,...] [--cli PATH] [--base DIST --base-cli PATH] [DIST]');
  process.exit(2);
}
for (const folder of [distribution, baseDistribution].filter(Boolean)) {
  await stat(path.join(folder, 'index.html')).catch(() => {
    console.error(`${folder}/index.html is missing: run \`trunk build --release --offline\` first`);
    process.exit(2);
  });
}
for (const binary of [cli, baseCli].filter(Boolean)) {
  await stat(binary).catch(() => {
    console.error(`${binary} is missing: run \`cargo build --release -p sprout-cli\` first`);
    process.exit(2);
  });
}

const programFolder = path.join(repository, 'scripts/bench-programs');
const programs = [];
for (const name of (await readdir(programFolder)).filter((file) => file.endsWith('.rhai')).sort()) {
  const file = path.join(programFolder, name);
  const program = { name: name.replace(/\.rhai$/, ''), file, source: await readFile(file, 'utf8') };
  if (!only || only.includes(program.name)) programs.push(program);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** What `sprout run --json` says about `file`: the output, or the diagnostic's code. */
function nativeOutcome(binary, file) {
  const result = spawnSync(binary, ['run', '--json', file], { encoding: 'utf8' });
  const run = JSON.parse(result.stdout);
  const output = run.trace.filter((event) => event.kind === 'output').map((event) => event.text).join('');
  return run.outcome.status === 'failed' ? { refused: run.outcome.diagnostic.code } : { output, operations: run.operations };
}

/** Processor time (user and system) of one `sprout run FILE`, in ms. */
function timeNative(binary, program) {
  // GNU time's report of the child's processor time: on a machine shared with other work, wall
  // time mostly measures the wait for a free core.
  const report = spawnSync('/usr/bin/time', ['-f', '%U %S', binary, 'run', program.file], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const [user, system] = report.stderr.trim().split('\n').pop().split(' ').map(Number);
  return (user + system) * 1000;
}

/** Opens the free editor of the build in `folder` on a fresh Chromium; `close` stops both. */
async function openApp(folder) {
  const server = await serve(folder);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  await page.goto(`${server.url}#/play`);
  const editor = page.getByRole('textbox', { name: '程序', exact: true, disabled: false });
  await editor.waitFor({ state: 'visible' });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  return { page, editor, close };
}

let marker = 0;

/** Runs `program` once in `app` and gives the time from clicking Run to its output, in ms. */
async function runInApp(app, program) {
  marker += 1;
  const source = `${program.source}\nprint("⏱ ${marker}");\n`;
  await app.editor.fill(source);
  if ((await app.editor.inputValue()) !== source) throw new Error(`the editor does not hold ${program.name}`);
  return app.page.evaluate(async (text) => {
    const log = document.querySelector('[role="log"]');
    const button = document.querySelector('button.run');
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (log.textContent.includes(text)) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(log, { childList: true, subtree: true, characterData: true });
    });
    const clicked = performance.now();
    button.click();
    return (await shown) - clicked;
  }, `⏱ ${marker}`);
}

// The builds take turns, run by run, so that a change in the machine's load (other work on a
// shared machine) falls on both alike.
const builds = [{ label: 'build', dist: distribution, cli }];
if (baseDistribution) builds.unshift({ label: 'baseline', dist: baseDistribution, cli: baseCli });
const results = Object.fromEntries(builds.map((build) => [build.label, { native: {}, app: {} }]));
for (const program of programs) {
  const samples = Object.fromEntries(builds.map((build) => [build.label, []]));
  for (const build of builds) {
    const outcome = nativeOutcome(build.cli, program.file);
    if (outcome.refused) results[build.label].native[program.name] = outcome;
  }
  for (let run = 0; run < runs; run++) {
    for (const build of builds) {
      if (results[build.label].native[program.name]?.refused) continue;
      samples[build.label].push(timeNative(build.cli, program));
    }
  }
  for (const build of builds) {
    if (!results[build.label].native[program.name]) results[build.label].native[program.name] = { ms: median(samples[build.label]) };
    console.log(`${build.label} native ${program.name}: ${JSON.stringify(results[build.label].native[program.name])}`);
  }
}
const apps = {};
try {
  for (const build of builds) apps[build.label] = await openApp(build.dist);
  for (const program of programs) {
    const samples = Object.fromEntries(builds.map((build) => [build.label, []]));
    // The first run warms the engine up (the worker's wasm, the page's rendering).
    for (let run = 0; run <= runs; run++) {
      for (const build of builds) {
        if (results[build.label].native[program.name].refused) continue;
        const ms = await runInApp(apps[build.label], program);
        if (run > 0) samples[build.label].push(ms);
      }
    }
    for (const build of builds) {
      const refused = results[build.label].native[program.name].refused;
      results[build.label].app[program.name] = refused ? { refused } : { ms: median(samples[build.label]) };
      console.log(`${build.label} app ${program.name}: ${JSON.stringify(results[build.label].app[program.name])}`);
    }
  }
} finally {
  for (const app of Object.values(apps)) await app.close();
}

const cell = (time) => (time === undefined ? '' : time.refused ? `refused: ${time.refused}` : `${time.ms.toFixed(0)} ms`);
const ratio = (base, build) => (base?.ms && build?.ms ? `${(base.ms / build.ms).toFixed(2)}×` : '');
const columns = [];
for (const where of ['app', 'native']) {
  if (builds.length === 2) {
    columns.push({ title: `${where} baseline`, value: (name) => cell(results.baseline[where][name]) });
    columns.push({ title: `${where} build`, value: (name) => cell(results.build[where][name]) });
    columns.push({ title: `${where} ratio`, value: (name) => ratio(results.baseline[where][name], results.build[where][name]) });
  } else {
    columns.push({ title: where, value: (name) => cell(results.build[where][name]) });
  }
}
const width = Math.max(...programs.map((program) => program.name.length)) + 2;
const cellWidth = 28;
console.log(`\nmedian of ${runs} runs; app: click Run → output, warm; native: \`sprout run\`, process included`);
console.log(`${'program'.padEnd(width)}${columns.map((column) => column.title.padStart(cellWidth)).join('')}`);
for (const program of programs) {
  console.log(`${program.name.padEnd(width)}${columns.map((column) => column.value(program.name).padStart(cellWidth)).join('')}`);
}
