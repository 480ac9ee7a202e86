// The AI side of the student app (issue #5) in Debian's Chromium, used as a student would:
// - a program that calls the AI functions runs (in the AI module's worker, which the first screen
//   never loads: the page's requests prove it), and Stop ends it.
//
// Needs the release build in SPROUT_DIST (default `dist`): trunk build --release --offline

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { repository, serveApp } from './support.mjs';

const artifacts = path.join(repository, 'tests/browser/artifacts');
/** The AI module's files: its loader and the hashed glue and wasm. */
const AI_MODULE = /\/ai(-[0-9a-f]{16}(_bg\.wasm|\.js)|\.js)$/;


/** Runs `steps`; if they fail, keeps a screenshot and adds what the page said to the error. */
async function diagnosed(page, name, steps) {
  try {
    await steps();
  } catch (error) {
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true }).catch(() => {});
    error.message += `\npage errors: ${page.errors.join('\n') || 'none'}\nconsole:\n${page.messages.join('\n') || 'nothing'}`;
    throw error;
  }
}

describe('AI in the student app', () => {
  let closeApp;
  let baseUrl;
  let context;

  before(async () => {
    let browser;
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    ({ context } = browser);
  });

  after(async () => {
    await closeApp?.();
  });

  /** A new tab on `hash` with no saved progress or model, recording errors, console and requests. */
  async function open(hash) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('sprout-test-started')) {
        localStorage.clear();
        sessionStorage.setItem('sprout-test-started', '1');
      }
    });
    page.errors = [];
    page.messages = [];
    page.requests = [];
    page.on('pageerror', (error) => page.errors.push(error));
    page.on('console', (message) => page.messages.push(`${message.type()}: ${message.text()}`));
    page.on('request', (request) => page.requests.push(request.url()));
    await page.goto(`${baseUrl}${hash}`);
    return page;
  }

  async function run(page, program, expected) {
    const editor = page.locator('textarea#editor');
    await editor.fill(program);
    await page.getByRole('button', { name: '运行' }).click();
    const console = page.getByRole('log');
    await console.filter({ hasText: expected }).waitFor();
    return (await console.textContent()).trim();
  }

  test('an AI program runs in the AI worker, which the first screen did not load', { timeout: 180_000 }, async () => {
    const page = await open('#/play');
    await diagnosed(page, 'ai-program', async () => {
      await page.locator('textarea#editor').waitFor();
      assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'the first screen loads no AI module');

      // The vector `dot` is in every build: the first screen's worker runs it.
      assert.equal(await run(page, 'print(dot([1, 2], [3, 4]));', '11'), '11.0');
      assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'dot needs no AI module');

      assert.equal(await run(page, 'print(mean([1, 2, 3, 4]));', '2.5'), '2.5');
      assert.ok(page.requests.some((url) => url.endsWith('/ai.js')), 'the AI module was loaded for mean()');
      assert.ok(page.requests.some((url) => /\/ai-[0-9a-f]{16}_bg\.wasm$/.test(url)));

      assert.equal(await run(page, 'print(matmul([[1, 2], [3, 4]], [1, 1]));', '[3.0'), '[3.0, 7.0]');

      // Stop ends a long AI program at once, and the next one runs in a fresh AI worker.
      const editor = page.locator('textarea#editor');
      await editor.fill('let s = "萌";\nfor i in 0..18 { s += s; }\nprint(mean([1, 2]));\nloop { let t = s + "芽"; }');
      await page.getByRole('button', { name: '运行' }).click();
      await page.getByRole('status').filter({ hasText: '正在运行' }).waitFor();
      await page.getByRole('button', { name: '停止' }).click();
      await page.getByRole('status').filter({ hasText: '已停止' }).waitFor();
      assert.equal(await run(page, 'print(mean([4, 6]));', '5'), '5.0');
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });
});
