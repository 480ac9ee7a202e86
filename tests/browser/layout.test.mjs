// The lesson page at a glance on a school PC's screen (issue #21), at the two sizes of most
// computer rooms, 1366×768 and 1024×768, asserted by bounding boxes: without scrolling, the lesson's
// title, the editor at least 60 characters wide, Run, Check and Hint, and the output; the stage of a
// turtle, maker, chart and AI lesson beside them, and no stage in a lesson that prints only; what
// Check and Hint add comes into view; Check takes the last run's output away; no lesson's text is
// clipped or makes the page scroll sideways, at the usual text size and the two largest; the home
// page's cards keep the best score on one line; and 试一试 keeps the free editor's program and leads
// back to the lesson.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { courseUnits, diagnosed, newTab, serveApp, typeProgram, unlockLessons } from './support.mjs';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
];

/** A lesson with long text and at least two hints for each size (hints shown stay in progress). */
const HINT_LESSONS = { 1366: 'variables', 1024: 'turtle-star' };

/** A lesson of each kind, and the stage panel it must show in view (none for a print lesson). */
const KINDS = [
  { lesson: 'hello', stage: null },
  { lesson: 'turtle-spiral', stage: '.turtle' },
  { lesson: 'blink', stage: '.leds' },
  { lesson: 'bar-chart', stage: '.charts' },
  { lesson: 'ai-digits-model', stage: '.drawing-canvas' },
];

const STAGE_PANELS = ['.turtle', '.leds', '.charts'];

/** The bounding box of `selector`'s first match, or null. */
function box(page, selector) {
  return page.locator(selector).first().boundingBox();
}

/** Fails unless all of `selector`'s first match lies inside the viewport. */
async function assertInView(page, selector, what) {
  const viewport = page.viewportSize();
  const found = await box(page, selector);
  assert.ok(found, `${what}: ${selector} is on the page`);
  const inside = found.x >= 0 && found.y >= 0 && found.x + found.width <= viewport.width + 0.5 && found.y + found.height <= viewport.height + 0.5;
  assert.ok(inside, `${what}: ${selector} at ${JSON.stringify(found)} is inside ${viewport.width}×${viewport.height}`);
}

/** How many characters of the editor's font fit on one line of the editor, without scrolling. */
function editorColumns(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('#editor');
    const style = getComputedStyle(editor);
    const probe = Object.assign(document.createElement('span'), { textContent: 'x'.repeat(100) });
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const room = editor.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return Math.floor(room / width);
  });
}

/**
 * What of the page is wider than its box: the page itself, and elements of the lesson text and of
 * the column of what the program does (the output, the stage, the board) that stick out of their
 * column or hide part of their content behind a sideways scroll or an ellipsis.
 */
function clipped(page) {
  return page.evaluate(() => {
    const found = [];
    if (document.documentElement.scrollWidth > window.innerWidth) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
    }
    for (const column of document.querySelectorAll('.lesson-article, .results')) {
      const right = column.getBoundingClientRect().right;
      for (const element of column.querySelectorAll('*')) {
        // Words for screen readers only are clipped to a pixel on purpose.
        if (element.closest('.visually-hidden')) continue;
        const style = getComputedStyle(element);
        const what = `<${element.localName} class="${element.className}"> "${element.textContent.slice(0, 40)}"`;
        const hides = (style.overflowX !== 'visible' || style.textOverflow === 'ellipsis') && element.localName !== 'textarea';
        if (hides && element.scrollWidth > element.clientWidth + 1) found.push(`${what} needs ${element.scrollWidth} px of ${element.clientWidth}`);
        if (element.getBoundingClientRect().right > right + 1) found.push(`${what} sticks out of its column`);
      }
    }
    return found;
  });
}

describe('the lesson page at a glance', () => {
  let app;
  let lessonIds;
  before(async () => {
    app = await serveApp();
    lessonIds = (await courseUnits()).flatMap((unit) => unit.lessons);
    await unlockLessons(app.browser.context, lessonIds);
  });
  after(() => app?.close());

  async function open(size, hash) {
    const page = await newTab(app.browser.context);
    await page.setViewportSize(size);
    await page.goto(`${app.baseUrl}${hash}`);
    return page;
  }

  async function openLesson(size, lesson) {
    const page = await open(size, `#/lesson/${lesson}`);
    await page.locator('.lesson-article h2 + *').first().waitFor();
    return page;
  }

  for (const size of SIZES) {
    const at = `${size.width}×${size.height}`;

    test(`at ${at}, each kind of lesson shows its step, a 60-column editor, its buttons, the output and its stage`, async () => {
      for (const { lesson, stage } of KINDS) {
        const page = await openLesson(size, lesson);
        await diagnosed(page, `layout-${lesson}-${size.width}`, async () => {
          const what = `${lesson} at ${at}`;
          if (stage) await page.locator(stage).first().waitFor();
          for (const selector of ['#lesson-title', '#editor', 'button.run', 'button.check', 'button.hint', '.console']) {
            await assertInView(page, selector, what);
          }
          assert.ok((await editorColumns(page)) >= 60, `${what}: the editor shows ${await editorColumns(page)} columns`);
          if (stage) await assertInView(page, stage, what);
          for (const other of STAGE_PANELS.filter((panel) => panel !== stage)) {
            assert.equal(await page.locator(other).count(), 0, `${what}: no ${other} in a lesson that does not use it`);
          }
          // The text scrolls on its own: its last step comes into view, and the editor stays.
          const editorBefore = await box(page, '#editor');
          await page.locator('.lesson-article h2').last().scrollIntoViewIfNeeded();
          await assertInView(page, '.lesson-article h2 >> nth=-1', what);
          assert.deepEqual(await box(page, '#editor'), editorBefore, `${what}: the editor did not move`);
          assert.deepEqual(await clipped(page), [], what);
        });
        await page.close();
      }
    });

    test(`at ${at}, a check's verdict, score and next lesson come into view, and the last run's output goes`, async () => {
      const page = await openLesson(size, 'hello');
      await diagnosed(page, `layout-check-${size.width}`, async () => {
        await typeProgram(page, 'print("旧的输出");');
        await page.getByRole('button', { name: '运行' }).click();
        await page.locator('.console', { hasText: '旧的输出' }).waitFor();
        await typeProgram(page, 'print("你好，世界！");\nprint("我开始学编程了。");');
        await page.getByRole('button', { name: '检查', exact: true }).click();
        await page.locator('.grading .summary').waitFor();
        for (const selector of ['.grading .summary', '.grading button.next']) await assertInView(page, selector, at);
        assert.equal(await page.locator('.console').innerText(), '', 'the output of the run before the check is gone');
      });
      await page.close();
    });

    test(`at ${at}, a hint asked for comes into view`, async () => {
      const page = await openLesson(size, HINT_LESSONS[size.width]);
      await diagnosed(page, `layout-hint-${size.width}`, async () => {
        for (const number of [1, 2]) {
          await page.getByRole('button', { name: '提示' }).click();
          await page.locator('.hint-box').nth(number - 1).waitFor();
          await assertInView(page, `.hint-box >> nth=${number - 1}`, `hint ${number} at ${at}`);
        }
      });
      await page.close();
    });

    test(`at ${at}, no lesson's text is clipped and no lesson page scrolls sideways`, async () => {
      const page = await newTab(app.browser.context);
      await page.setViewportSize(size);
      const problems = [];
      for (const lesson of lessonIds) {
        await page.goto(`${app.baseUrl}#/lesson/${lesson}`);
        await page.locator('.lesson-article h2 + *').first().waitFor();
        problems.push(...(await clipped(page)).map((problem) => `${lesson}: ${problem}`));
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('at the two largest text sizes, no lesson page scrolls sideways at 1024×768', async () => {
    const page = await openLesson(SIZES[1], 'hello');
    const larger = page.getByRole('button', { name: '放大字号' });
    const sizes = [];
    while (await larger.isEnabled()) {
      await larger.click();
      sizes.push(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize));
    }
    assert.ok(sizes.length >= 2, `A+ made the text larger ${sizes.length} times`);
    const problems = [];
    for (const step of [0, 1]) {
      for (const lesson of lessonIds) {
        await page.goto(`${app.baseUrl}#/lesson/${lesson}`);
        await page.locator('.lesson-article h2 + *').first().waitFor();
        problems.push(...(await clipped(page)).map((problem) => `${lesson} at ${sizes.at(-1 - step)}: ${problem}`));
      }
      if (step === 0) await page.getByRole('button', { name: '缩小字号' }).click();
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the home page's cards keep the best score on one line, at both sizes", async () => {
    const page = await openLesson(SIZES[0], 'hello');
    await typeProgram(page, 'print("你好，世界！");\nprint("我开始学编程了。");');
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.locator('.grading .summary.passed').waitFor();
    await page.getByRole('button', { name: '← 返回课程' }).click();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const score = page.locator('li.lesson', { hasText: '你好，世界' }).locator('.score');
      await score.waitFor();
      const lineHeight = await score.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
      const found = await score.boundingBox();
      assert.ok(found.height < 1.5 * lineHeight, `"${await score.innerText()}" is on one line at ${size.width}: ${JSON.stringify(found)}`);
    }
    await page.close();
  });

  test('试一试 keeps the free editor’s program, offers it back, and leads back to the lesson', async () => {
    const page = await open(SIZES[0], '#/play');
    await typeProgram(page, 'print("我自己的程序");');
    await page.goto(`${app.baseUrl}#/lesson/hello`);
    await page.getByRole('button', { name: '试一试' }).first().click();
    const editor = page.getByRole('textbox', { name: '程序', exact: true });
    await page.getByRole('status').filter({ hasText: '你原来的程序还留着' }).waitFor();
    assert.match(await editor.inputValue(), /早上好/);
    await page.getByRole('button', { name: '换回我原来的程序' }).click();
    assert.equal(await editor.inputValue(), 'print("我自己的程序");');
    assert.equal(await page.getByRole('button', { name: '换回我原来的程序' }).count(), 0);
    await page.getByRole('button', { name: '← 回到《你好，世界》' }).click();
    await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
    await page.close();
  });
});
