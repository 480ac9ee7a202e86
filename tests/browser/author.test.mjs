// The lesson editor (写课程, issue #6) in Debian's Chromium, end to end: a teacher opens it from the
// home page, writes a lesson piece by piece and sees it previewed; Verify, which runs in the
// classroom module's worker, reports what `sprout check` reports (here a starter that already
// passes); the teacher fixes it and Verify passes; the saved lesson file is one `sprout check`
// accepts; the lesson goes into a course whose students' and full copies are downloaded, and the
// full copy opens again to go on with it; a reload keeps the lesson and the course. A student
// opens the students' copy and passes the lesson, and `sprout grade` with the full copy re-grades
// the student's result file to the same score. Verify speaks the teacher's language (issue #21): a
// broken tests piece and a wrong solution are said in Chinese, by the test's name and the piece's
// own line, without the parser's English or the grader's ids.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newTab, seriousViolations, serveApp, sprout, typeProgram } from './support.mjs';

const TESTS = '[[test]]\nkind = "call"\ncall = "double(21)"\n\n[[test]]\nkind = "call"\ncall = "double(-4)"\nhidden = true';

describe('the lesson editor in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;
  let folder;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    folder = await mkdtemp(path.join(tmpdir(), 'sprout-author-'));
  });

  after(async () => {
    await closeApp?.();
    await rm(folder, { recursive: true, force: true });
  });

  /** Saves the download that `click` starts into `folder`; resolves to its path. */
  async function download(page, click, name) {
    const started = page.waitForEvent('download');
    await click();
    const file = path.join(folder, name ?? (await started).suggestedFilename());
    await (await started).saveAs(file);
    return file;
  }

  test('a teacher authors a lesson end to end, and a student passes it', async () => {
    const page = await newTab(browser.context);
    await page.goto(baseUrl);
    await page.getByRole('button', { name: '写课程（教师）' }).click();
    await page.getByRole('heading', { name: '写课程（教师）', level: 2 }).waitFor();

    await page.getByLabel('文件头（TOML：id、title 等）').fill('id = "double"\ntitle = { zh = "翻倍" }');
    await page.getByLabel('课文（Markdown）').fill('写函数 `double(x)`，返回 x 的**两倍**。');
    await page.getByLabel('起始代码（可以空着）').fill('fn double(x) { x * 2 }');
    await page.getByLabel('参考答案').fill('fn double(x) { x + x }');
    await page.getByLabel('提示 1').fill('乘以 **2**。');
    await page.getByLabel('测试（TOML）').fill(TESTS);
    const preview = page.getByRole('region', { name: '预览' });
    await preview.locator('strong').filter({ hasText: '两倍' }).waitFor();
    await preview.locator('.hint-box strong').filter({ hasText: '2' }).waitFor();

    // A starter that already passes is what `sprout check` calls a problem.
    await page.getByRole('button', { name: '检查这一课' }).click();
    await page.getByText('发现 1 个问题：').waitFor();
    const problem = await page.locator('.verify-problems li').innerText();
    assert.equal(problem, '起始代码：初始代码已经通过了所有测试：学生什么都不用做。');
    const add = page.getByRole('button', { name: '加入课程包' });
    assert.equal(await add.isDisabled(), true, 'a lesson with a problem cannot be added');

    await page.getByLabel('起始代码（可以空着）').fill('fn double(x) { x }');
    await page.getByRole('button', { name: '检查这一课' }).click();
    await page.getByText('没有问题：参考答案通过了全部测试，起始代码没有全部通过。').waitFor();
    assert.deepEqual(await seriousViolations(page), [], 'axe finds no serious problem in the lesson editor');

    const lessonFile = await download(page, () => page.getByRole('button', { name: '保存课程文件（.md）' }).click());
    assert.equal(path.basename(lessonFile), 'double.md');
    const source = path.join(folder, 'source');
    await mkdir(source);
    await copyFile(lessonFile, path.join(source, 'double.md'));
    sprout('check', source);
    const saved = await readFile(lessonFile, 'utf8');
    assert.ok(saved.includes('```rhai starter\nfn double(x) { x }\n```'), saved);

    await page.getByLabel('课程编号（小写字母、数字和 -）').fill('double-course');
    await page.getByLabel('课程名称').fill('翻倍小课');
    await add.click();
    await page.getByRole('button', { name: '移出《翻倍》' }).waitFor();
    const students = await download(page, () => page.getByRole('button', { name: '下载学生版课程包' }).click());
    const full = await download(page, () => page.getByRole('button', { name: '下载完整版课程包（评分用）' }).click());
    assert.deepEqual([path.basename(students), path.basename(full)], ['double-course.pack', 'double-course-full.pack']);
    // A reload loses nothing: the lesson and the course are kept in the browser.
    await page.reload();
    assert.equal(await page.getByLabel('起始代码（可以空着）').inputValue(), 'fn double(x) { x }');
    await page.getByRole('button', { name: '移出《翻倍》' }).click();
    await page.getByText('课程包里还没有课。').waitFor();
    // The course's full copy opens again to go on with it (the students' copy is refused).
    const openPack = page.getByLabel('打开课程包（完整版，接着编辑）');
    await openPack.setInputFiles(students);
    await page.getByText('这是学生版，没有参考答案和隐藏测试。请打开完整版课程包。').waitFor();
    await openPack.setInputFiles(full);
    await page.getByRole('button', { name: '移出《翻倍》' }).waitFor();
    assert.equal(await page.getByLabel('课程名称').inputValue(), '翻倍小课');
    const studentsCopy = JSON.parse(await readFile(students, 'utf8'));
    assert.equal(studentsCopy.full, false);
    assert.equal(studentsCopy.lessons[0].tests.length, 1, 'the hidden test stays in the full copy');

    // A student, on the same computer, opens the students' copy and passes the lesson.
    await page.getByRole('button', { name: /返回课程/ }).click();
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(students);
    await page.getByRole('heading', { name: '课程：翻倍小课' }).waitFor();
    await page.getByRole('button', { name: /^翻倍/ }).click();
    await page.getByRole('heading', { name: '翻倍', level: 2 }).waitFor();
    await page.locator('.lesson-text strong').filter({ hasText: '两倍' }).waitFor();
    await typeProgram(page, 'fn double(x) { x * 2 }');
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.locator('.grading').getByText('全部通过').waitFor();
    await page.getByRole('button', { name: /返回课程/ }).click();
    await page.getByLabel('姓名', { exact: true }).fill('李雷');
    const results = path.join(folder, 'results');
    await mkdir(results);
    await download(page, () => page.getByRole('button', { name: '导出成绩文件' }).click(), 'results/li-lei.json');

    const out = path.join(folder, 'judged');
    sprout('grade', '--pack', full, '--out', out, results);
    const [header, row] = (await readFile(path.join(out, 'ranking.csv'), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    const ranking = Object.fromEntries(header.split(',').map((name, index) => [name, row.split(',')[index]]));
    assert.deepEqual([ranking.name, ranking.total_score, ranking.double, ranking.flags], ['李雷', '100', '100', '']);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  /** Writes a lesson's pieces, presses Verify and resolves to the one problem it lists. */
  async function verifyOne(page, { solution, tests }) {
    await page.getByLabel('文件头（TOML：id、title 等）').fill('id = "greet"\ntitle = { zh = "打招呼" }');
    await page.getByLabel('课文（Markdown）').fill('打印一句问候。\n\n要礼貌。');
    await page.getByLabel('起始代码（可以空着）').fill('');
    await page.getByLabel('参考答案').fill(solution);
    await page.getByLabel('提示 1').fill('用 `print`。');
    await page.getByLabel('测试（TOML）').fill(tests);
    await page.getByRole('button', { name: '检查这一课' }).click();
    await page.getByText('发现 1 个问题：').waitFor();
    const problems = await page.locator('.verify-problems li').allInnerTexts();
    assert.equal(problems.length, 1, problems.join('\n'));
    for (const internal of [/\bt\d\b/, /\bWA\b/, /wrong-/, /lesson\.md/, /unclosed|expected|array|invalid/i]) {
      assert.doesNotMatch(problems[0], internal, problems[0]);
    }
    return problems[0];
  }

  test('Verify says a broken test and a wrong solution in Chinese, by test name and piece line', async () => {
    const page = await newTab(browser.context);
    await page.goto(baseUrl);
    await page.getByRole('button', { name: '写课程（教师）' }).click();
    await page.getByLabel('测试（TOML）').waitFor();
    // The second test's input list is never closed (the tests piece's line 10).
    const broken = '[[test]]\nname = "问候"\nkind = "output"\n\n[[test]]\nname = "带名字的问候"\nkind = "output"\n' +
      'input = ["小明"]\nexpect = "你好"\nseed = [1';
    assert.equal(
      await verifyOne(page, { solution: 'print("你好");', tests: broken }),
      '测试第 10 行（测试“带名字的问候”）：测试写得不对（TOML 格式）：数组（方括号 [ ]）没有写完整：检查是否少了 ] 或逗号。',
    );
    // The solution prints 您好 where the second test (its line 5) expects 你好.
    const wrong = '[[test]]\nname = "问候"\nkind = "output"\n\n[[test]]\nname = "礼貌的问候"\nkind = "output"\nexpect = "你好"';
    assert.equal(
      await verifyOne(page, { solution: 'print("您好");', tests: wrong }),
      '测试第 5 行：参考答案没有通过测试“礼貌的问候”：输出的第 1 行是“您好”，测试期望“你好”。',
    );
    // A solution that stops with an error is said with its own line.
    assert.equal(
      await verifyOne(page, { solution: 'let n = 1;\nprint(n / 0);', tests: '[[test]]\nname = "问候"\nkind = "output"' }),
      '测试第 1 行：参考答案没有通过测试“问候”：参考答案第 2 行运行出错：不能除以 0。',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
