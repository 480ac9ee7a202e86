// Packs a teacher hands out, opened by students in Debian's Chromium (issue #6). Contest mode: the
// organiser packs a contest with `sprout pack` (the judges' full copy and the students' copy); the
// app refuses the full copy; a student opens the students' copy, says who they are, starts the
// clock, solves the problems with no hints, reloads without losing time or work, hands in one
// file, and `sprout grade` with the full pack re-grades it to the scores the hidden tests give.
// Leaving the contest keeps its work; once the time is up, checking stops but handing in works.
// A teacher's own course: it opens in place of the app's course, with its lessons in order and
// its hints, keeps its progress apart, and its result file is re-graded by `sprout grade`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, newTab, seriousViolations, serveApp, sprout, typeProgram, writeSource } from './support.mjs';

/** The contest's source: two problems whose hidden tests catch a program fitted to the visible ones. */
const CONTEST = {
  'course.toml':
    'id = "school-final"\nversion = "1.0.0"\ntitle = { zh = "校赛决赛", en = "School final" }\nkind = "contest"\n' +
    'duration_minutes = 30\n\n[[unit]]\nid = "problems"\ntitle = { zh = "题目" }\nlessons = ["square", "echo"]\n',
  'square.md':
    '+++\nid = "square"\ntitle = { zh = "平方" }\n+++\n\n写函数 `square(x)`，返回 x 的平方。\n\n' +
    '```rhai starter\nfn square(x) { x }\n```\n\n```rhai solution\nfn square(x) { x * x }\n```\n\n```hint\n乘自己。\n```\n\n' +
    '```tests\n[[test]]\nid = "small"\nkind = "call"\ncall = "square(3)"\npoints = 40\n\n' +
    '[[test]]\nid = "big"\nkind = "call"\ncall = "square(12)"\npoints = 60\nhidden = true\n```\n',
  'echo.md':
    '+++\nid = "echo"\ntitle = { zh = "回声" }\n+++\n\n读一行，原样打印。\n\n```rhai solution\nprint(input());\n```\n\n' +
    '```hint\n用 input()。\n```\n\n```tests\n[[test]]\nid = "one"\nkind = "output"\ninput = ["a"]\npoints = 50\n\n' +
    '[[test]]\nid = "two"\nkind = "output"\ninput = ["b"]\npoints = 50\nhidden = true\n```\n',
};

/** A teacher's own course of two lessons, the second opening when the first is passed. */
const OWN_COURSE = {
  'course.toml':
    'id = "class-7-3"\nversion = "1.0.0"\ntitle = { zh = "七年级 3 班的小课" }\n\n' +
    '[[unit]]\nid = "basics"\ntitle = { zh = "热身" }\nlessons = ["greet", "twice"]\n',
  'greet.md':
    '+++\nid = "greet"\ntitle = { zh = "打招呼" }\n+++\n\n打印 **你好，同学**。\n\n```rhai solution\nprint("你好，同学");\n```\n\n' +
    '```hint\n用 `print`。\n```\n\n```tests\n[[test]]\nkind = "output"\n```\n',
  'twice.md':
    '+++\nid = "twice"\ntitle = { zh = "两遍" }\n+++\n\n打印两遍 1。\n\n```rhai solution\nprint(1);\nprint(1);\n```\n\n' +
    '```hint\n写两行。\n```\n\n```tests\n[[test]]\nkind = "output"\n```\n',
};

describe('packs a teacher hands out, in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;
  let folder;
  let fullPack;
  let studentPack;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    folder = await mkdtemp(path.join(tmpdir(), 'sprout-contest-'));
    const source = path.join(folder, 'source');
    await writeSource(source, CONTEST);
    fullPack = path.join(folder, 'final-full.pack');
    studentPack = path.join(folder, 'final.pack');
    sprout('check', source);
    sprout('pack', source, '-o', fullPack);
    sprout('pack', source, '--student', '-o', studentPack);
  });

  after(async () => {
    await closeApp?.();
    await rm(folder, { recursive: true, force: true });
  });

  /** Checks the program on screen and waits for its verdict. */
  async function check(page, verdict) {
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await page.getByText(verdict).first().waitFor();
  }

  /** The seconds the contest bar's clock shows. */
  async function clockSeconds(page) {
    const text = await page.getByRole('timer').locator('strong').textContent();
    const [minutes, seconds] = text.split(':').map(Number);
    return minutes * 60 + seconds;
  }

  test('a student competes, reloads, hands in one file, and the judge re-grades it with the hidden tests', async () => {
    const page = await newTab(browser.context);
    await page.goto(baseUrl);
    const picker = page.getByLabel('打开老师发的课程或比赛文件（.pack）');

    await picker.setInputFiles(fullPack);
    await page.getByText('这是老师和评委用的完整版（含参考答案和隐藏测试），不能发给学生。').waitFor();
    await page.getByRole('heading', { name: /^课程：/ }).waitFor();

    await picker.setInputFiles(studentPack);
    await page.getByRole('heading', { name: '比赛：校赛决赛' }).waitFor();
    await page.getByText('共 2 道题，满分 200 分，限时 30 分钟。').waitFor();
    // Each problem's title reads on one line of its card (it once stood one character per line).
    for (const name of await page.locator('li.lesson .name').all()) {
      const lineHeight = await name.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
      assert.ok((await name.boundingBox()).height < 1.5 * lineHeight, `"${await name.innerText()}" is on one line`);
    }
    await page.getByRole('region', { name: '比赛' }).getByText('未开始计时').waitFor();
    const start = page.getByRole('button', { name: '开始比赛' });
    assert.equal(await start.isDisabled(), true, 'no start before the student says who they are');
    await page.getByLabel('姓名', { exact: true }).fill('韩梅梅');
    await page.getByLabel('学校', { exact: true }).fill('第一中学');
    assert.equal(await start.isDisabled(), true, 'the contest id is needed too');
    await page.getByLabel('准考证号', { exact: true }).fill('2026-0042');
    await start.click();

    await page.getByRole('heading', { name: '平方', level: 2 }).waitFor();
    await page.getByText('写函数 square(x)，返回 x 的平方。').waitFor();
    const left = await clockSeconds(page);
    assert.ok(left > 29 * 60 && left <= 30 * 60, `the clock started at 30:00 (${left} s left)`);
    assert.equal(await page.getByRole('button', { name: /提示/ }).count(), 0, 'no hints in a contest');
    await typeProgram(page, 'fn square(x) { x * x }');
    await check(page, '通过');

    // A reload keeps the contest, the problem, the code and the clock: once the clock has moved on.
    await page.waitForFunction((left) => {
      const [minutes, seconds] = document.querySelector('[role="timer"] strong').textContent.split(':').map(Number);
      return minutes * 60 + seconds < left;
    }, left);
    const beforeReload = await clockSeconds(page);
    await page.reload();
    await page.getByRole('heading', { name: '平方', level: 2 }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: '程序', exact: true }).inputValue(), 'fn square(x) { x * x }');
    const afterReload = await clockSeconds(page);
    assert.ok(afterReload <= beforeReload && afterReload < left, `the clock kept running through the reload (${left} s, ${beforeReload} s before it, then ${afterReload} s)`);

    // The second problem, fitted to its one visible test: the hidden one will catch it.
    await page.getByRole('region', { name: '比赛' }).getByRole('button', { name: /校赛决赛/ }).click();
    await page.getByText('最后一次检查：100 / 100 分（可见测试）').waitFor();
    await page.getByRole('button', { name: /2\. 回声/ }).click();
    await page.getByRole('heading', { name: '回声', level: 2 }).waitFor();
    await typeProgram(page, 'print("a");');
    await check(page, '通过');
    await page.getByRole('button', { name: '← 返回题目列表' }).click();
    assert.equal(await page.getByText('最后一次检查：100 / 100 分（可见测试）').count(), 2);
    assert.deepEqual(await seriousViolations(page), [], 'axe finds no serious problem on the contest page');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '交卷（下载交卷文件）' }).click();
    const handedIn = path.join(folder, 'handed-in');
    await mkdir(handedIn);
    const file = path.join(handedIn, (await download).suggestedFilename());
    await (await download).saveAs(file);
    assert.equal(path.basename(file), 'sprout-contest-2026-0042-韩梅梅.json');
    await page.getByText(`交卷文件 ${path.basename(file)} 已下载`).waitFor();
    const result = JSON.parse(await readFile(file, 'utf8'));
    const pack = JSON.parse(await readFile(studentPack, 'utf8'));
    assert.deepEqual(result.student, { name: '韩梅梅', class: '', school: '第一中学', student_id: '2026-0042' });
    assert.equal(result.pack.content_hash, pack.content_hash);
    assert.deepEqual(result.lessons.map((lesson) => [lesson.lesson_id, lesson.claimed.score]), [['square', 100], ['echo', 100]]);

    const out = path.join(folder, 'judged');
    const report = sprout('grade', '--lang', 'en', '--pack', fullPack, '--out', out, handedIn);
    assert.match(report, /graded 1 submission\(s\).*0 flagged, 0 skipped/);
    const [header, row] = (await readFile(path.join(out, 'ranking.csv'), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    const ranking = Object.fromEntries(header.split(',').map((name, index) => [name, row.split(',')[index]]));
    assert.deepEqual(
      [ranking.rank, ranking.name, ranking.school, ranking.total_score, ranking.claimed_score, ranking.square, ranking.echo],
      ['1', '韩梅梅', '第一中学', '150', '200', '100', '50'],
      'the hidden test of the second problem caught the fitted program',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('leaving keeps the work; once the time is up checking stops, and handing in still works', async () => {
    // A second browser: a computer where nobody has opened the contest yet.
    const second = await launch();
    let page = await newTab(second.context);
    await page.goto(baseUrl);
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(studentPack);
    await page.getByLabel('姓名', { exact: true }).fill('李雷');
    await page.getByLabel('学校', { exact: true }).fill('第二中学');
    await page.getByLabel('准考证号', { exact: true }).fill('2026-0007');
    await page.getByRole('button', { name: '开始比赛' }).click();
    await typeProgram(page, 'fn square(x) { x * x }');
    await check(page, '通过');

    await page.getByRole('region', { name: '比赛' }).getByRole('button', { name: /校赛决赛/ }).click();
    await page.getByRole('button', { name: '退出比赛（作答会保留）' }).click();
    await page.getByRole('heading', { name: /^课程：/ }).waitFor();
    assert.equal(await page.getByRole('region', { name: '比赛' }).count(), 0, 'the course has no contest bar');
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(studentPack);
    await page.getByText('最后一次检查：100 / 100 分（可见测试）').waitFor();
    assert.equal(await page.getByLabel('姓名', { exact: true }).inputValue(), '李雷', 'who the student is came back with the work');

    // Later, on the same computer: the student's clock, as stored, started 31 minutes ago. (The
    // stored work is changed before the app starts: a running app saves its own over it.)
    await page.close();
    await second.context.addInitScript(() => {
      const key = Object.keys(localStorage).find((name) => name.startsWith('sprout.progress.sha256:'));
      const stored = JSON.parse(localStorage.getItem(key));
      const early = new Date(Date.now() - 31 * 60 * 1000).toISOString();
      for (const lesson of Object.values(stored.progress.lessons)) lesson.started_at = early;
      localStorage.setItem(key, JSON.stringify(stored));
    });
    page = await newTab(second.context);
    await page.goto(new URL('#/lesson/echo', baseUrl).href);
    await page.getByRole('alert').filter({ hasText: '比赛时间到，不能再检查了。请交卷。' }).waitFor();
    await page.getByRole('heading', { name: '回声', level: 2 }).waitFor();
    assert.equal(await page.getByRole('button', { name: '检查', exact: true }).isDisabled(), true);
    await page.getByRole('region', { name: '比赛' }).getByRole('button', { name: /校赛决赛/ }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '交卷（下载交卷文件）' }).click();
    assert.equal((await download).suggestedFilename(), 'sprout-contest-2026-0007-李雷.json');
    assert.deepEqual(page.errors, []);
    await second.close();
  });

  test("a teacher's own course opens in place of the app's, keeps its progress apart, and its result re-grades", async () => {
    const source = path.join(folder, 'own-course');
    await writeSource(source, OWN_COURSE);
    const full = path.join(folder, 'own-full.pack');
    const students = path.join(folder, 'own.pack');
    sprout('check', source);
    sprout('pack', source, '-o', full);
    sprout('pack', source, '--student', '-o', students);

    const second = await launch();
    const page = await newTab(second.context);
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: '课程：萌芽编程入门' }).waitFor();
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(full);
    await page.getByText('这是老师和评委用的完整版（含参考答案和隐藏测试），不能发给学生。').waitFor();
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(students);
    await page.getByRole('heading', { name: '课程：七年级 3 班的小课' }).waitFor();
    assert.equal(await page.getByRole('region', { name: '比赛' }).count(), 0, 'a course has no contest clock');
    const twice = page.getByRole('button', { name: /^两遍：未解锁/ });
    assert.equal(await twice.getAttribute('aria-disabled'), 'true', 'lessons open in order');

    await page.getByRole('button', { name: /^打招呼/ }).click();
    await page.getByRole('heading', { name: '打招呼', level: 2 }).waitFor();
    await page.getByText('你好，同学', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: /提示/ }).click();
    await page.getByRole('heading', { name: '提示 1' }).waitFor();
    await typeProgram(page, 'print("你好，同学");');
    await check(page, '通过');
    await page.getByRole('button', { name: '← 返回课程' }).click();
    await page.getByRole('button', { name: /^两遍：可以学了/ }).waitFor();
    await page.getByLabel('姓名', { exact: true }).fill('王小明');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出成绩文件' }).click();
    const results = path.join(folder, 'own-results');
    await mkdir(results);
    await (await download).saveAs(path.join(results, 'wang.json'));

    await page.getByRole('button', { name: '回到萌芽自带的课程（这门课的进度会保留）' }).click();
    await page.getByRole('heading', { name: '课程：萌芽编程入门' }).waitFor();
    assert.equal(await page.getByLabel('姓名', { exact: true }).inputValue(), '', "the app's own progress, untouched");
    await page.reload();
    await page.getByRole('heading', { name: '课程：萌芽编程入门' }).waitFor();
    await page.getByLabel('打开老师发的课程或比赛文件（.pack）').setInputFiles(students);
    await page.getByRole('button', { name: /^打招呼：已完成/ }).waitFor();

    const out = path.join(folder, 'own-judged');
    sprout('grade', '--pack', full, '--out', out, results);
    const [header, row] = (await readFile(path.join(out, 'ranking.csv'), 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    const ranking = Object.fromEntries(header.split(',').map((name, index) => [name, row.split(',')[index]]));
    assert.deepEqual([ranking.name, ranking.total_score, ranking.greet, ranking.twice], ['王小明', '100', '100', '']);
    assert.deepEqual(page.errors, []);
    await second.close();
  });
});
