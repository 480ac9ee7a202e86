// The USB page in Firefox (issue: "opens by double-click (file://) in Chromium and Firefox, with all
// lessons, without a server"). delivery.test.mjs covers Chromium; Firefox has its own file://
// rules (unique origins, workers from Blob URLs, storage), so here Debian's Firefox ESR, headless
// through geckodriver (tests/browser/firefox.mjs), opens dist-usb/index.html as a file and passes
// lesson 1 as a student would: the course, lesson 1, the solution typed key by key, Check, full
// score, and the program still there after a reload; and an AI program runs there too, with the AI
// module loaded from the sibling ai.js.
//
// Needs the USB build in SPROUT_USB (default `dist-usb`; `scripts/usb.sh` makes it) and Firefox
// ESR and geckodriver (scripts/setup.sh installs both). Without them the test is skipped, unless
// SPROUT_REQUIRE_FIREFOX is set (scripts/test.sh sets it), when it fails.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findFirefox, launchFirefox } from './firefox.mjs';
import { repository } from './support.mjs';

const usbDistribution = path.resolve(repository, process.env.SPROUT_USB ?? 'dist-usb');
const artifacts = path.join(repository, 'tests/browser/artifacts');
const HELLO = 'print("你好，世界！");\nprint("我开始学编程了。");';
const CONTROL = '\uE009';
const DELETE = '\uE017';

const tools = findFirefox();
const required = Boolean(process.env.SPROUT_REQUIRE_FIREFOX);
const skip =
  !tools && !required
    ? 'Firefox ESR (/usr/bin/firefox-esr) or geckodriver is not installed: scripts/setup.sh installs both'
    : false;

describe('the USB page in Firefox', { skip }, () => {
  let firefox;

  before(async () => {
    if (!tools) {
      throw new Error('SPROUT_REQUIRE_FIREFOX is set but Firefox ESR or geckodriver is missing: run scripts/setup.sh');
    }
    await stat(path.join(usbDistribution, 'index.html')).catch(() => {
      throw new Error(`${usbDistribution}/index.html is missing: run \`scripts/usb.sh\` first`);
    });
    firefox = await launchFirefox(tools);
  });

  after(async () => {
    await firefox?.close();
  });

  /** Runs `steps`; when they fail, keeps a screenshot as `name`.png and adds what Firefox said. */
  async function diagnosed(name, steps) {
    try {
      await steps();
    } catch (error) {
      await mkdir(artifacts, { recursive: true });
      await firefox.screenshot(path.join(artifacts, `${name}.png`)).catch(() => {});
      error.message += `\ngeckodriver and Firefox said:\n${firefox.log() || 'nothing'}`;
      throw error;
    }
  }

  /** Replaces the program in the editor by typing `program` key by key; the editor element. */
  async function typeProgram(program) {
    const editor = await firefox.waitFor('//textarea[@aria-label = "程序"]');
    await firefox.click(editor);
    await firefox.press([CONTROL, 'a']);
    await firefox.press([DELETE]);
    await firefox.type(editor, program);
    return editor;
  }

  test('passes lesson 1 from file://: the course, the lesson, Check; keeps the work on reload', { timeout: 180_000 }, async () => {
    await diagnosed('firefox-usb-lesson', async () => {
      await firefox.goto(pathToFileURL(path.join(usbDistribution, 'index.html')).href);
      await firefox.waitFor('//h2[starts-with(normalize-space(), "课程：")]');
      await firefox.click(await firefox.waitFor('//button[starts-with(@aria-label, "你好，世界：")]'));
      await firefox.waitFor('//h2[normalize-space() = "你好，世界"]');

      const editor = await typeProgram(HELLO);
      assert.equal(await firefox.property(editor, 'value'), HELLO, 'the editor holds what was typed');

      await firefox.click(await firefox.waitFor('//button[contains(., "检查")]'));
      const results = await firefox.waitFor('//section[contains(@class, "grading")][contains(., "全部通过")]');
      assert.match(await firefox.text(results), /得分：100 \/ 100/);

      const elsewhere = await firefox.execute(
        "return performance.getEntriesByType('resource').map((entry) => entry.name).filter((url) => !/^(file|blob|data):/.test(url));",
      );
      assert.deepEqual(elsewhere, [], 'the page loads nothing but itself');

      // Firefox gives each file:// page an origin of its own: its storage must still keep the work.
      await firefox.refresh();
      const reloaded = await firefox.waitFor('//textarea[@aria-label = "程序"]');
      assert.equal(await firefox.property(reloaded, 'value'), HELLO, 'the program is still there after a reload');
      assert.deepEqual(firefox.pageErrors(), [], 'the page threw');
    });
  });

  test('runs an AI program from file://, with the AI module from the sibling ai.js', { timeout: 180_000 }, async () => {
    await diagnosed('firefox-usb-ai', async () => {
      await firefox.goto(`${pathToFileURL(path.join(usbDistribution, 'index.html')).href}#/play`);
      await typeProgram('let m = model("iris");\nprint(`${mean([1, 2, 3])} ${m.labels.len()}`);');
      await firefox.click(await firefox.waitFor('//button[contains(., "运行")]'));
      const output = await firefox.waitFor('//*[@role = "log"][contains(., "2.0 3")]', 120_000);
      assert.equal((await firefox.text(output)).trim(), '2.0 3');
      assert.deepEqual(firefox.pageErrors(), [], 'the page threw');
    });
  });
});
