// A student's way through the lessons in the built app, in Debian's Chromium: a locked lesson
// opened by its address stays locked and points to the lesson to pass first; open the course, open
// lesson 1, type a solution key by key, check it, see the verdicts, move on; progress survives a
// reload; blocked storage is reported without losing work; the exported result file is re-graded
// by the judge's `sprout grade` to the same score.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newTab, serveApp, sprout, typeProgram } from './support.mjs';

const HELLO = 'print("你好，世界！");\nprint("我开始学编程了。");';

describe('lessons in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
  });

  after(async () => {
    await closeApp?.();
  });

  async function openHome(context = browser.context) {
    const page = await newTab(context);
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: /课程：/ }).waitFor();
    return page;
  }

  /**
   * School PCs often have no emoji font, where an emoji shows as a box with a missing glyph: the
   * page's icons are drawn by the app (issue #21), so no character that defaults to emoji
   * presentation is on the page.
   */
  async function assertNoEmoji(page, where) {
    const emoji = (await page.locator('body').innerText()).match(/\p{Emoji_Presentation}/gu);
    assert.equal(emoji, null, `emoji on ${where}: ${emoji?.join(' ')}`);
  }

  test('a locked lesson opened by its address says what to pass first, and stays locked', async () => {
    // A bookmark, or a link from a classmate, to lesson 2 (变量) before lesson 1 is passed.
    const page = await openHome();
    await page.goto(new URL('#/lesson/variables', baseUrl).href);
    await page.getByRole('heading', { name: '变量', level: 2 }).waitFor();
    await page.getByText('这一课还没有解锁').waitFor();
    await page.getByText('先通过《你好，世界》，这一课就会打开。').waitFor();
    assert.equal(await page.getByRole('textbox', { name: '程序', exact: true }).count(), 0, 'no editor on a locked lesson');

    await assertNoEmoji(page, 'the locked lesson');

    await page.getByRole('button', { name: '去《你好，世界》' }).click();
    await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
    await assertNoEmoji(page, 'a lesson');
    await page.getByRole('button', { name: /返回课程/ }).click();
    const second = page.getByRole('button', { name: /^变量：未解锁/ });
    assert.equal(await second.getAttribute('aria-disabled'), 'true', 'looking at it did not unlock it');
    await assertNoEmoji(page, 'the course page');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a new student passes lesson 1 and moves on; a wrong answer shows expected and got', async () => {
    const page = await openHome();
    // Lesson 2 is locked until lesson 1 is passed.
    const second = page.getByRole('button', { name: /^变量：未解锁/ });
    assert.equal(await second.getAttribute('aria-disabled'), 'true');
    await page.getByRole('button', { name: /^你好，世界：/ }).click();
    await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
    // A screen reader names the lesson's buttons by their words, not their icons.
    for (const name of ['运行', '停止', '检查', '提示', '重来', '导出这次的作品']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `one button named exactly ${name}`);
    }

    await typeProgram(page, 'print("你好，世界！");');
    await page.getByRole('button', { name: /检查/ }).click();
    const results = page.locator('.grading');
    await results.getByText('还有测试没通过').waitFor();
    const feedback = await results.locator('.feedback').allTextContents();
    assert.ok(feedback.some((text) => text.includes('我开始学编程了')), `expected output shown: ${feedback}`);
    // The students' copy of the course has no hidden tests: they are the judge's.
    assert.equal(await results.getByText('（隐藏的测试，不显示细节）').count(), 0);

    await typeProgram(page, HELLO);
    await page.getByRole('button', { name: /检查/ }).click();
    await results.getByText('全部通过').waitFor();
    assert.match(await results.textContent(), /得分：100 \/ 100/);
    // The input box belongs to its lesson: lesson 1's lines do not follow the student to lesson 2.
    const input = page.getByRole('textbox', { name: /^输入/ });
    await input.fill('3\n4');
    await page.getByRole('button', { name: /^下一课：变量/ }).click();
    await page.getByRole('heading', { name: '变量', level: 2 }).waitFor();
    assert.equal(await input.inputValue(), '', 'lesson 2 starts with an empty input box');

    // Back on the course page, lesson 1 is done and lesson 2 open; lesson 1 has its lines back.
    await page.getByRole('button', { name: /返回课程/ }).click();
    await page.getByRole('button', { name: /^你好，世界：已完成，最高 100 分/ }).click();
    await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
    assert.equal(await input.inputValue(), '3\n4');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('reload keeps the code and the progress', async () => {
    const page = await openHome();
    await page.getByRole('button', { name: /^你好，世界：/ }).click();
    await typeProgram(page, `${HELLO}\n// 我的注释`);
    // Saving waits for typing to pause: wait until the code is in storage.
    await page.waitForFunction(() => Object.values(localStorage).some((value) => value.includes('// 我的注释')));
    await page.reload();
    const editor = page.getByRole('textbox', { name: '程序', exact: true });
    await editor.waitFor();
    assert.equal(await editor.inputValue(), `${HELLO}\n// 我的注释`);
    await page.goto(baseUrl);
    await page.getByRole('button', { name: /^你好，世界：已完成/ }).waitFor();
    await page.close();
  });

  test('blocked storage is reported and the code stays', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await page.goto(`${baseUrl}#/play`);
    await typeProgram(page, 'print("还在");');
    await page.getByRole('alert').filter({ hasText: '存储空间满了' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: '程序', exact: true }).inputValue(), 'print("还在");');
    await page.close();
  });

  test('the exported result file is re-graded by sprout grade to the same score', async () => {
    const page = await openHome();
    // Without a name the file is not made: the page asks for the name and puts the caret there.
    await page.getByRole('button', { name: '导出成绩文件' }).click();
    await page.getByRole('status').filter({ hasText: '先写上你的名字，老师才知道这是谁的作品。' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'student-name');
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('班级').fill('七年级 3 班');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出成绩文件' }).click();
    const folder = await mkdtemp(path.join(tmpdir(), 'sprout-results-'));
    const resultPath = path.join(folder, 'result.json');
    await (await download).saveAs(resultPath);
    const result = JSON.parse(await readFile(resultPath, 'utf8'));
    assert.equal(result.student.name, '王小明');
    const hello = result.lessons.find((lesson) => lesson.lesson_id === 'hello');
    assert.equal(hello.claimed.score, 100);

    sprout('pack', 'lessons/content', '-o', path.join(folder, 'full.pack'));
    const report = sprout('grade', '--lang', 'en', '--pack', path.join(folder, 'full.pack'), '--out', folder, resultPath);
    assert.match(report, /graded 1 submission\(s\).*0 flagged, 0 skipped/);
    const rows = (await readFile(path.join(folder, 'grades.csv'), 'utf8')).split('\r\n');
    const helloRow = rows.find((row) => row.includes(',hello,'));
    assert.ok(helloRow, rows.join('\n'));
    const fields = helloRow.split(',');
    assert.equal(fields[6], '100', `the judge's score: ${helloRow}`);
    await rm(folder, { recursive: true, force: true });
    await page.close();
  });
});
