// Shared by the browser tests: where the repository is, and the server and browser of
// scripts/chromium.mjs (also used by the benchmark), so every test serves and launches the same way;
// a way to open lessons out of course order; a contest packed by `sprout pack`; typing a program;
// and the axe-core scan.

import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serve } from '../../scripts/chromium.mjs';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export { serve };

/** Chromium on a fresh profile that accepts downloads; resolves to `{ context, close }`. */
export function launch() {
  return launchChromium({ acceptDownloads: true });
}

/**
 * The built app (`SPROUT_DIST`, default `dist`) served over http, and Chromium as in [`launch`]:
 * resolves to `{ baseUrl, browser, close }`, or fails at once, saying so, when the app is not built.
 */
export async function serveApp() {
  const distribution = path.resolve(repository, process.env.SPROUT_DIST ?? 'dist');
  await stat(path.join(distribution, 'index.html')).catch(() => {
    throw new Error(`${distribution}/index.html is missing: run \`trunk build --release --offline\` first`);
  });
  const server = await serve(distribution);
  const browser = await launch();
  return {
    baseUrl: server.url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A new tab in `context` that records its page errors, console messages and requested URLs. */
export async function newTab(context) {
  const page = await context.newPage();
  page.errors = [];
  page.messages = [];
  page.requests = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('console', (message) => page.messages.push(`${message.type()}: ${message.text()}`));
  page.on('request', (request) => page.requests.push(request.url()));
  return page;
}

/**
 * Gives the pages of `page` a clock the test moves (Playwright's `page.clock`), before they load.
 * The installed clock still flows with real time, so that the page can load; once it has, the test
 * stops it with `pauseClock`, and from then on what playback shows depends on how far the test
 * moves the clock, never on how fast the machine is. Playwright's fake timers number their timers
 * from 10^12, and the browser's bindings that Rust code calls (web-sys) read a timer's number as a
 * 32-bit integer, so a cancelled timer would still fire; the page gets the fake timers under
 * numbers from 1, as a browser's own are.
 */
export async function installClock(page) {
  await page.clock.install();
  await page.addInitScript(() => {
    for (const [set, clear] of [['setTimeout', 'clearTimeout'], ['setInterval', 'clearInterval'], ['requestAnimationFrame', 'cancelAnimationFrame']]) {
      const [fakeSet, fakeClear] = [window[set], window[clear]];
      const timers = new Map();
      let next = 1;
      window[set] = (...args) => {
        const number = next++;
        timers.set(number, fakeSet(...args));
        return number;
      };
      window[clear] = (number) => {
        fakeClear(timers.get(number));
        timers.delete(number);
      };
    }
  });
}

/**
 * Stops the clock `installClock` gave `page`, a second on from where it stands: from then on time
 * moves only when the test moves it (`page.clock.runFor`). Without it, a machine busy between two
 * steps of a test let real time run on, and a playback at 4× showed lines the test had not yet let
 * it reach.
 */
export async function pauseClock(page) {
  // A second ahead: the clock runs on while this call travels, and it cannot be paused in its past.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
}

/**
 * Gives the pages of `page` a camera the test controls: getUserMedia returns the stream of a canvas
 * that shows a red ball or a blue book (`window.cameraScene`, 'ball' at first), moved to a new
 * place 20 times a second by a seeded generator.
 */
export async function fakeCamera(page) {
  await page.addInitScript(() => {
    window.cameraScene = 'ball';
    navigator.mediaDevices.getUserMedia = async () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
      const context = canvas.getContext('2d');
      let seed = 1;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      setInterval(() => {
        const [x, y] = [110 + random() * 100, 70 + random() * 100];
        context.fillStyle = window.cameraScene === 'ball' ? '#e8f0d8' : '#f4f4f4';
        context.fillRect(0, 0, 320, 240);
        if (window.cameraScene === 'ball') {
          context.fillStyle = '#d01818';
          context.beginPath();
          context.arc(x, y, 40 + random() * 15, 0, 2 * Math.PI);
          context.fill();
        } else {
          context.fillStyle = '#1830b0';
          context.fillRect(x - 50, y - 35, 100 + random() * 20, 70);
          context.fillStyle = '#ffffff';
          context.fillRect(x - 40, y - 20, 60, 8);
        }
      }, 50);
      return canvas.captureStream(20);
    };
  });
}

/** The course's units, in order, from lessons/content/course.toml: `{ id, requires, lessons }`. */
export async function courseUnits() {
  const text = await readFile(path.join(repository, 'lessons/content/course.toml'), 'utf8');
  const list = (block, key) => {
    const found = block.match(new RegExp(`^${key}\\s*=\\s*\\[([^\\]]*)\\]`, 'm'));
    return found ? [...found[1].matchAll(/"([^"]+)"/g)].map((match) => match[1]) : [];
  };
  return text
    .split(/^\[\[unit\]\]\s*$/m)
    .slice(1)
    .map((block) => ({ id: block.match(/^id\s*=\s*"([^"]+)"/m)[1], requires: list(block, 'requires'), lessons: list(block, 'lessons') }));
}

/**
 * Lets the pages of `context` open `lessonIds` by their address, as for a student who passed what
 * each needs (a locked lesson shows only what to pass first): before the app starts on a page, the
 * lessons before each in its unit, or the units a unit's first lesson requires, are marked passed in
 * the app's stored progress (`sprout.progress.v1`); nothing else in it changes.
 */
export async function unlockLessons(context, lessonIds) {
  const units = await courseUnits();
  const passed = new Set();
  for (const id of lessonIds) {
    const unit = units.find((candidate) => candidate.lessons.includes(id));
    if (!unit) throw new Error(`${id} is not a lesson of the course`);
    const index = unit.lessons.indexOf(id);
    const before = index > 0 ? [unit.lessons[index - 1]] : units.filter((other) => unit.requires.includes(other.id)).flatMap((other) => other.lessons);
    before.forEach((lesson) => passed.add(lesson));
  }
  await context.addInitScript((lessons) => {
    const key = 'sprout.progress.v1';
    let file = null;
    try {
      file = JSON.parse(localStorage.getItem(key));
    } catch {}
    if (!file || file.format !== 'sprout-progress') {
      file = { format: 'sprout-progress', version: 1, saved_at: new Date().toISOString(), progress: {} };
    }
    file.progress.lessons ??= {};
    for (const id of lessons) file.progress.lessons[id] = { ...file.progress.lessons[id], passed: true };
    localStorage.setItem(key, JSON.stringify(file));
  }, [...passed]);
}

/**
 * Runs the `sprout` command line in the repository; returns its output. scripts/test.sh names the
 * build its native tests made (`SPROUT_PLAIN_CLI`): `cargo run -p sprout-cli` resolves the
 * workspace's features differently from that build, and would compile the CLI and half its
 * dependencies again while the browser tests run. Without it (one test file run by hand), cargo's.
 */
export function sprout(...args) {
  const prebuilt = process.env.SPROUT_PLAIN_CLI;
  if (prebuilt) return execFileSync(prebuilt, args, { cwd: repository, encoding: 'utf8' });
  return execFileSync('cargo', ['run', '-q', '-p', 'sprout-cli', '--', ...args], { cwd: repository, encoding: 'utf8' });
}

/** Writes a course's source into `folder`: `files` maps each file name to its text. */
export async function writeSource(folder, files) {
  await mkdir(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
}

/**
 * Writes a contest of one problem, 打印 1 (print `1`, 100 points, a visible and a hidden case), into
 * `folder` and packs its students' copy with `sprout pack --student`; resolves to the pack's path.
 */
export async function packContest(folder) {
  await writeSource(folder, {
    'course.toml':
      'id = "one-problem"\nversion = "1.0.0"\ntitle = { zh = "一题赛", en = "One-problem contest" }\nkind = "contest"\n' +
      'duration_minutes = 45\n\n[[unit]]\nid = "problems"\ntitle = { zh = "题目" }\nlessons = ["one"]\n',
    'one.md':
      '+++\nid = "one"\ntitle = { zh = "打印 1", en = "Print 1" }\n+++\n\n用 `print` 打印数字 1。\n\n' +
      '```rhai solution\nprint(1);\n```\n\n```hint\n用 print。\n```\n\n' +
      '```tests\n[[test]]\nkind = "output"\npoints = 40\n\n[[test]]\nkind = "output"\npoints = 60\nhidden = true\n```\n',
  });
  const file = path.join(folder, 'contest.pack');
  sprout('pack', folder, '--student', '-o', file);
  return file;
}

/**
 * Replaces the program in the editor named `label` by typing `program` with real key presses, and
 * returns the editor.
 */
export async function typeProgram(page, program, label = '程序') {
  const editor = page.getByRole('textbox', { name: label, exact: true });
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(program);
  const typed = await editor.inputValue();
  if (typed !== program) throw new Error(`the editor holds ${JSON.stringify(typed)}, not ${JSON.stringify(program)}`);
  return editor;
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The serious and critical violations axe finds on the page, as readable lines. */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.html}`);
      return [`  ${violation.id} (${violation.impact}): ${violation.help}`, ...nodes].join('\n');
    });
}

/**
 * Runs `steps`; if they fail, keeps a screenshot in tests/browser/artifacts and adds what the page
 * said (its `errors` and `messages`, collected by the test) to the error, and what `explain` (an
 * async function of the test's, asked only then) finds out about the page's state.
 */
export async function diagnosed(page, name, steps, explain = async () => '') {
  try {
    await steps();
  } catch (error) {
    const artifacts = path.join(repository, 'tests/browser/artifacts');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true }).catch(() => {});
    const explained = await explain().catch((failure) => `(explaining failed: ${failure.message})`);
    error.message += `\npage errors: ${page.errors.join('\n') || 'none'}\nconsole:\n${page.messages.join('\n') || 'nothing'}`;
    if (explained) error.message += `\n${explained}`;
    throw error;
  }
}
