// A check's results in the built app, in Debian's Chromium (issue #21): a turtle drawing that
// differs is shown as a picture (the expected drawing under the child's, what is missing dashed in
// blue) with a text alternative that counts what is missing and extra, and no coordinates or colour
// codes in the panel; a syntax error that stops every test is said once, with its line. Needs the
// release build in SPROUT_DIST (default `dist`):
//   trunk build --release --offline && node --test tests/browser/grading.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { diagnosed, newTab, repository, seriousViolations, serveApp, typeProgram, unlockLessons } from './support.mjs';

const artifacts = path.join(repository, 'tests/browser/artifacts');

// turtle-square asks for a square of the side read from the input; this draws three sides.
const THREE_SIDES = 'let 边长 = int(input());\nfor i in 0..3 { forward(边长); left(90); }';
// The same with a semicolon missing on line 2.
const SYNTAX_ERROR = 'let 边长 = int(input());\nfor i in 0..4 { forward(边长) left(90); }';

describe('a check\'s results in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    await unlockLessons(browser.context, ['turtle-square']);
  });

  after(async () => {
    await closeApp?.();
  });

  async function openSquare() {
    const page = await newTab(browser.context);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${baseUrl}#/lesson/turtle-square`);
    await page.getByRole('heading', { name: '海龟画正方形', level: 2 }).waitFor();
    return page;
  }

  const check = (page) => page.getByRole('button', { name: '检查', exact: true }).click();

  test('a drawing that differs is a picture with a text alternative, without coordinates', async () => {
    const page = await openSquare();
    await diagnosed(page, 'grading-turtle', async () => {
      await typeProgram(page, THREE_SIDES);
      await check(page);
      const results = page.locator('.grading');
      await results.getByText('还有测试没通过').waitFor();
      // Both visible turtle tests (sides 100 and 50) miss the fourth side, and draw nothing extra.
      const pictures = results.getByRole('img', { name: /^对比图：/ });
      await pictures.first().waitFor();
      assert.equal(await pictures.count(), 2, 'a picture per turtle test that failed');
      assert.match(await pictures.first().getAttribute('aria-label'), /该画但没画的有 1 笔（蓝色虚线），多画的有 0 笔/);
      assert.equal(await results.getByText('画出来的图和要求的不一样：该画但没画的有 1 笔，多画的有 0 笔。', { exact: false }).count(), 2);
      for (const word of ['应该画的', '你画的', '该画但没画的', '多画的']) {
        assert.equal(await results.locator('.turtle-diff-legend').first().getByText(word, { exact: true }).count(), 1, `the legend says ${word}`);
      }
      // The picture is painted: the expected grey under the child's black lines, the missing side in blue.
      const colours = await pictures.first().evaluate((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        const count = (r, g, b) => {
          let found = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8) found += 1;
          }
          return found;
        };
        return { blue: count(0x0a, 0x5f, 0xc2), grey: count(0xb4, 0xb4, 0xb4), black: count(0, 0, 0) };
      });
      assert.ok(colours.blue > 50, `the missing side is drawn in blue: ${JSON.stringify(colours)}`);
      assert.ok(colours.grey > 50 && colours.black > 50, `both drawings are drawn: ${JSON.stringify(colours)}`);
      const text = await results.textContent();
      assert.doesNotMatch(text, /#[0-9a-f]{6}/i, 'no colour codes');
      assert.doesNotMatch(text, /\(\s*-?\d+(\.\d+)?\s*,\s*-?\d+/, 'no coordinates');
      assert.deepEqual(await seriousViolations(page), [], 'axe finds nothing serious in the results with their pictures');
      await results.locator('.turtle-diff').first().scrollIntoViewIfNeeded();
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'grading-turtle.png') });
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });

  test('a syntax error that stops every test is said once, with its line', async () => {
    const page = await openSquare();
    await diagnosed(page, 'grading-compile-error', async () => {
      await typeProgram(page, SYNTAX_ERROR);
      await check(page);
      const results = page.locator('.grading');
      await results.getByText('还有测试没通过').waitFor();
      const tests = await results.locator('.test').count();
      assert.ok(tests >= 2, `a verdict per test: ${tests}`);
      assert.equal(await results.locator('.test').filter({ hasText: '语法错误' }).count(), tests, 'every test stopped');
      const said = results.locator('.compile-error');
      assert.equal(await said.count(), 1);
      assert.match(await said.textContent(), new RegExp(`第 2 行有语法错误，程序没法运行，所以 ${tests} 个测试都没能运行`));
      assert.equal(await results.locator('.feedback').count(), 1, 'the error\'s message is shown once');
      assert.match(await results.locator('.feedback').textContent(), /^2:\d+ \S/, 'with where it is');
      assert.equal(await page.locator('.turtle-diff').count(), 0, 'no picture of a drawing that never ran');
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });
});
