// The class dashboard (学情分析, issue #6) in the built app, in Debian's Chromium: a teacher opens it
// from the home page, picks 31 files collected from a class (30 result files generated here from
// the course's pack, one of them edited by hand, one handed in twice and one inside the ZIP of
// "export this work", and one broken file), and
// reads the table, the pass rates, the most-failed test, the histogram, a student's report and the
// downloaded CSV. Every expected figure is computed here from the generated claims, not copied
// from the app. The result files are sealed here with the digest docs/result-format.md describes
// (SHA-256 of the file's compact JSON with an empty digest), so the app accepting them also checks
// that description.
//
// A second case (issue #21) reads 40 students' files over the whole course at 1366×768: the names
// stay in view when the table scrolls to its far right and are never squeezed, the units fold and
// open by keyboard, a nameless file and two files of one student id are flagged, the histogram is
// of the whole course, and a report opens in view with its heading focused and local times.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagnosed, newTab, repository, seriousViolations, serveApp, sprout } from './support.mjs';

const STUDENTS = 28;
const CLASSES = ['七年级 1 班', '七年级 2 班'];

/** The course's pack as `sprout pack` writes it (the judge's copy: every test, with names). */
function coursePack(folder) {
  const file = path.join(folder, 'full.pack');
  sprout('pack', 'lessons/content', '-o', file);
  return readFile(file, 'utf8').then(JSON.parse);
}

/** A two-problem contest (OI style: 10 cases of 10 points and 2 of 50), packed for students. */
async function contestPack(folder) {
  const source = path.join(folder, 'contest');
  await mkdir(source, { recursive: true });
  await writeFile(
    path.join(source, 'course.toml'),
    'id = "school-contest"\nversion = "1.0.0"\ntitle = { zh = "校内赛" }\nkind = "contest"\nduration_minutes = 60\n\n' +
      '[[unit]]\nid = "problems"\ntitle = { zh = "题目" }\nlessons = ["square", "echo"]\n',
  );
  const cases = Array.from({ length: 10 }, (_, k) => `[[test]]\nid = "c${k + 1}"\nkind = "call"\ncall = "square(${k - 3})"\npoints = 10${k >= 5 ? '\nhidden = true' : ''}\n`);
  await writeFile(
    path.join(source, 'square.md'),
    '+++\nid = "square"\ntitle = { zh = "平方" }\n+++\n\n写 `square(x)`。\n\n```rhai starter\nfn square(x) { x }\n```\n\n' +
      '```rhai solution\nfn square(x) { x * x }\n```\n\n```hint\n乘自己。\n```\n\n```tests\n' + cases.join('\n') + '```\n',
  );
  await writeFile(
    path.join(source, 'echo.md'),
    '+++\nid = "echo"\ntitle = { zh = "回声" }\n+++\n\n读一行，打印它。\n\n```rhai solution\nprint(input());\n```\n\n```hint\n用 input()。\n```\n\n' +
      '```tests\n[[test]]\nid = "one"\nkind = "output"\ninput = ["a"]\npoints = 50\n\n[[test]]\nid = "two"\nkind = "output"\ninput = ["b"]\npoints = 50\nhidden = true\n```\n',
  );
  const file = path.join(folder, 'school-contest.pack');
  sprout('pack', source, '--student', '-o', file);
  return file;
}

/** Seals a result file as the app does. Keys are written in the format's order (result.rs). */
function seal(file) {
  const unsealed = { ...file, digest: '' };
  return { ...file, digest: `sha256:${createHash('sha256').update(JSON.stringify(unsealed)).digest('hex')}` };
}

/** Student `i`'s claim for a lesson: every visible test passed, or the first one failed. */
function claim(lesson, passed) {
  const visible = lesson.tests.filter((test) => !test.hidden).map((test) => test.id);
  const verdicts = Object.fromEntries(
    [...visible].sort().map((id) => [id, passed || id !== visible[0] ? 'passed' : 'wrong_answer']),
  );
  return { score: passed ? lesson.points : 0, max_score: lesson.points, verdicts };
}

/**
 * The class: student i did the first lesson, the second if i < 20, the third if i < 10, and passed
 * them when i % 4 != 3, i % 3 == 0 and i % 2 == 0 respectively; it took 1 + i % 5 checks each.
 */
function plan(lessons) {
  const rules = [(i) => i % 4 !== 3, (i) => i % 3 === 0, (i) => i % 2 === 0];
  const did = [() => true, (i) => i < 20, (i) => i < 10];
  return Array.from({ length: STUDENTS }, (_, i) => ({
    i,
    name: `学生${String(i + 1).padStart(2, '0')}`,
    class: CLASSES[i % 2],
    id: `S${100 + i}`,
    work: lessons.map((lesson, k) => (did[k](i) ? { lesson, passed: rules[k](i), attempts: 1 + (i % 5) } : null)).filter(Boolean),
  }));
}

function resultFile(pack, student, exportedAt) {
  return seal({
    format: 'sprout-result',
    version: 1,
    app_version: '0.1.0',
    exported_at: exportedAt,
    student: { name: student.name, class: student.class, school: '实验中学', student_id: student.id },
    pack: { id: pack.course.id, version: pack.course.version, content_hash: pack.content_hash },
    lessons: student.work.map((work) => ({
      lesson_id: work.lesson.id,
      code: `// ${student.name}`,
      claimed: claim(work.lesson, work.passed),
      attempts: work.attempts,
      started_at: '2026-11-23T09:00:00.000Z',
      checked_at: `2026-11-23T09:${String(work.attempts * 3).padStart(2, '0')}:00.000Z`,
    })),
  });
}

/** Reads the dashboard's CSV (no field of ours holds a comma or a quote). */
function parseCsv(text) {
  assert.ok(text.startsWith('\u{feff}'), 'the CSV starts with a byte-order mark for Excel');
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  const header = lines[0].split(',');
  return { header, rows: lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((field, k) => [header[k], field]))) };
}

describe('the class dashboard in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;
  let folder;
  let pack;

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sprout-class-'));
    pack = await coursePack(folder);
    ({ baseUrl, browser, close: closeApp } = await serveApp());
  });

  after(async () => {
    await closeApp?.();
  });

  test('30 result files give the right table, figures, report and CSV', async () => {
    const lessons = pack.course.unit[0].lessons.slice(0, 3).map((id) => pack.lessons.find((lesson) => lesson.id === id));
    const students = plan(lessons);
    const files = students.map((student) => [`${student.id}.json`, resultFile(pack, student, '2026-11-23T10:00:00.000Z')]);
    // 学生01 handed in an older file too: the later one counts.
    const older = { ...students[0], work: students[0].work.map((work) => ({ ...work, passed: false })) };
    files.push(['S100-old.json', resultFile(pack, older, '2026-11-23T09:30:00.000Z')]);
    // 学生29 raised a score by hand after exporting.
    const tamperer = { i: 28, name: '学生29', class: CLASSES[0], id: 'S128', work: [{ lesson: lessons[0], passed: false, attempts: 2 }] };
    const tampered = resultFile(pack, tamperer, '2026-11-23T10:00:00.000Z');
    tampered.lessons[0].claimed.score = lessons[0].points;
    files.push(['S128.json', tampered]);
    const paths = [];
    for (const [name, file] of files) {
      paths.push(path.join(folder, name));
      await writeFile(paths.at(-1), JSON.stringify(file, null, 2));
    }
    // 学生05 handed in the ZIP of "export this work" (made here by Python's zipfile, in a folder).
    const zipIndex = files.findIndex(([name]) => name === 'S104.json');
    const zipped = path.join(folder, 'S104-work.zip');
    execFileSync('python3', ['-c', `import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as archive:
    archive.writestr('学生05/code.rhai', 'print(1);')
    archive.write(sys.argv[2], '学生05/result.json')`, zipped, paths[zipIndex]]);
    paths[zipIndex] = zipped;
    files[zipIndex][0] = 'S104-work.zip';
    paths.push(path.join(folder, 'broken.json'));
    await writeFile(paths.at(-1), '{ "format": "sprout-result", ');
    assert.equal(files.length, 30);

    const page = await newTab(browser.context);
    await diagnosed(page, 'classroom', async () => {
      await page.goto(baseUrl);
      await page.getByRole('button', { name: '学情分析（教师）' }).click();
      await page.getByRole('heading', { name: '成绩文件' }).waitFor();
      await page.getByLabel('选择成绩文件').setInputFiles(paths);

      await page.getByRole('status').filter({ hasText: '共 31 个文件' }).waitFor();
      assert.equal(
        await page.locator('.class-summary').innerText(),
        `共 31 个文件：${STUDENTS} 名学生计入统计，2 个文件有标记（不计入），1 个文件无法读取。`,
      );
      assert.match(await page.locator('.unreadable').innerText(), /broken\.json/);

      // The table: one row per file, a folded column per unit of the course, flags where they belong.
      const table = page.locator('table.students');
      assert.equal(await table.locator('tbody tr').count(), 30);
      const headers = await table.locator('thead th').allInnerTexts();
      const unitHeaders = pack.course.unit.map((unit) => `▸ ${unit.title.zh}（${unit.lessons.length} 课）`);
      assert.deepEqual(headers, ['姓名', '班级', '总分', '标记', ...unitHeaders, '报告']);
      // The first unit opened shows its lessons after its column.
      await table.locator('button.unit-toggle').first().click();
      const opened = await table.locator('thead th').allInnerTexts();
      const firstUnit = pack.course.unit[0].lessons.map((id) => pack.lessons.find((lesson) => lesson.id === id).title.zh);
      assert.deepEqual(opened.slice(4, 5 + firstUnit.length), [unitHeaders[0].replace('▸', '▾'), ...firstUnit]);
      const flagged = await table.locator('tbody tr.flagged').allInnerTexts();
      assert.equal(flagged.length, 2);
      assert.match(flagged.find((row) => row.includes('学生01')), /重复/);
      assert.match(flagged.find((row) => row.includes('学生29')), /导出后被改动/);

      // Pass rates over the counted students.
      const figures = page.locator('.lesson-figures tbody tr');
      for (const [k, lesson] of lessons.entries()) {
        const works = students.flatMap((student) => student.work.filter((work) => work.lesson === lesson));
        const passed = works.filter((work) => work.passed).length;
        const row = await figures.nth(k).locator('th, td').allInnerTexts();
        const mean = works.reduce((sum, work) => sum + work.attempts, 0) / works.length;
        assert.deepEqual(row, [lesson.title.zh, String(works.length), `${Math.round((passed / works.length) * 100)}%`, mean.toFixed(1)]);
      }

      // Where the class is stuck: the first visible test of the lesson with the most failures.
      const failures = lessons.map((lesson) => students.filter((student) => student.work.some((work) => work.lesson === lesson && !work.passed)).length);
      const worst = failures.indexOf(Math.max(...failures));
      const worstTest = lessons[worst].tests.find((test) => !test.hidden);
      const checked = students.filter((student) => student.work.some((work) => work.lesson === lessons[worst])).length;
      assert.equal(
        await page.locator('.most-failed li').first().innerText(),
        `${lessons[worst].title.zh}：${worstTest.name ?? worstTest.id}（${failures[worst]} 人没通过，共 ${checked} 人检查过）`,
      );

      // The histogram: every counted student in one bar, by share of the whole course's points.
      const full = pack.lessons.reduce((sum, lesson) => sum + lesson.points, 0);
      assert.match(await page.locator('.histogram p').innerText(), new RegExp(`全部 ${pack.lessons.length} 课满分（${full} 分）`));
      const bins = Array(10).fill(0);
      for (const student of students) {
        const total = student.work.filter((work) => work.passed).reduce((sum, work) => sum + work.lesson.points, 0);
        bins[Math.min(9, Math.floor(Math.floor((total * 100) / full) / 10))] += 1;
      }
      const bars = await page.locator('.histogram tbody td').allInnerTexts();
      assert.deepEqual(bars.map(Number), bins);

      // Sorting by total puts the best first; the class filter keeps one class.
      await table.getByRole('button', { name: '总分' }).click();
      const best = Math.max(...students.map((student) => student.work.filter((work) => work.passed).reduce((sum, work) => sum + work.lesson.points, 0)));
      assert.equal(await table.locator('tbody tr').first().locator('td.number').first().innerText(), `${best} 分`);
      await page.getByLabel('班级').selectOption(CLASSES[1]);
      const inClass = files.filter(([, file]) => file.student.class === CLASSES[1]).length;
      assert.equal(await table.locator('tbody tr').count(), inClass);

      // Every shown student's report, one printed page each; printing shows nothing else.
      await page.getByRole('button', { name: /表格中每个学生的报告/ }).click();
      assert.equal(await page.locator('.reports .student-report').count(), inClass);
      await page.emulateMedia({ media: 'print' });
      const printed = await page.evaluate(() => ({
        table: getComputedStyle(document.querySelector('table.students')).visibility,
        report: getComputedStyle(document.querySelector('.student-report h3')).visibility,
        breaks: [...document.querySelectorAll('.student-report')].map((report) => getComputedStyle(report).breakAfter),
      }));
      assert.equal(printed.table, 'hidden');
      assert.equal(printed.report, 'visible');
      assert.deepEqual(printed.breaks, [...Array(inClass - 1).fill('page'), 'auto']);
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: '关闭报告' }).click();
      await page.getByLabel('班级').selectOption('');
      await page.getByLabel('查找姓名或学号').fill('S105');
      assert.equal(await table.locator('tbody tr').count(), 1);
      await page.getByLabel('查找姓名或学号').fill('');

      // A student's printable report.
      await page.getByRole('button', { name: '学生06 的学习报告' }).click();
      const report = page.locator('.student-report');
      await report.getByRole('heading', { name: '学生06 的学习报告' }).waitFor();
      assert.equal(await report.locator('tbody tr').count(), students[5].work.length);
      assert.match(await report.innerText(), /学号：S105/);
      await page.locator('.reports').getByRole('button', { name: '打印报告' }).waitFor();

      const violations = await seriousViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));

      // The CSV: the same table, for Excel.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /下载表格/ }).click();
      const saved = path.join(folder, 'class.csv');
      await (await download).saveAs(saved);
      assert.equal((await download).suggestedFilename(), '学情分析.csv');
      const csv = parseCsv(await readFile(saved, 'utf8'));
      const titles = lessons.map((lesson) => lesson.title.zh);
      assert.deepEqual(csv.header, [
        '姓名', '班级', '学校', '学号', '总分', ...titles,
        ...titles.map((title) => `${title} 检查次数`), ...titles.map((title) => `${title} 用时（分钟）`), '标记', '文件',
      ]);
      assert.equal(csv.rows.length, 30);
      for (const [name, file] of files) {
        const row = csv.rows.find((candidate) => candidate['文件'] === name);
        assert.ok(row, `${name} is in the CSV`);
        const claimed = file.lessons.reduce((sum, lesson) => sum + lesson.claimed.score, 0);
        assert.equal(row['总分'], String(claimed), name);
        assert.equal(row['学号'], file.student.student_id);
        const flag = name === 'S100-old.json' ? 'duplicate' : name === 'S128.json' ? 'tampered' : '';
        assert.equal(row['标记'], flag, name);
        for (const lesson of lessons) {
          const work = file.lessons.find((candidate) => candidate.lesson_id === lesson.id);
          assert.equal(row[lesson.title.zh], work ? String(work.claimed.score) : '', `${name} ${lesson.id}`);
          // Every generated check took 3 minutes per attempt (see resultFile).
          assert.equal(row[`${lesson.title.zh} 检查次数`], work ? String(work.attempts) : '', `${name} ${lesson.id}`);
          assert.equal(row[`${lesson.title.zh} 用时（分钟）`], work ? String(work.attempts * 3) : '', `${name} ${lesson.id}`);
        }
      }
      // Nothing left the page: every request went to the app's own server (or a blob).
      const elsewhere = page.requests.filter((url) => !url.startsWith(baseUrl) && !/^(blob|data):/.test(url));
      assert.deepEqual(elsewhere, [], 'the dashboard sends nothing anywhere');
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });

  test('a keyboard alone picks the files, sorts the table and opens a report', async () => {
    const page = await newTab(browser.context);
    // Playwright intercepts file choosers only once a listener asks for them, and turning that on
    // takes a round trip to the browser: a listener added just before the key press could miss the
    // chooser (it did, 1 run in 3 of this file). This one is added before the page even loads.
    const chooser = new Promise((resolve) => page.once('filechooser', resolve));
    await diagnosed(page, 'classroom-keyboard', async () => {
      await page.goto(`${baseUrl}#/class`);
      await page.locator('.drop-zone').waitFor();
      const focusedIs = (selector) => page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector);
      let presses = 0;
      while (!(await focusedIs('.drop-zone input[type=file]')) && presses < 30) {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      assert.ok(await focusedIs('.drop-zone input[type=file]'), 'Tab reaches the file picker');
      const outline = await page.locator('.file-button').first().evaluate((label) => getComputedStyle(label).outlineStyle);
      assert.notEqual(outline, 'none', 'the focused picker shows where the focus is');
      await page.keyboard.press('Space');
      // Three of the class's files, as the first test wrote them.
      const results = ['S100.json', 'S101.json', 'S102.json'].map((name) => path.join(folder, name));
      await (await chooser).setFiles(results);
      await page.locator('table.students tbody tr').nth(2).waitFor();

      while (!(await focusedIs('button.sort')) && presses < 80) {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      await page.keyboard.press('Enter');
      await page.locator('th[aria-sort="ascending"]').waitFor();
      while (!(await focusedIs('tbody button')) && presses < 120) {
        await page.keyboard.press('Tab');
        presses += 1;
      }
      await page.keyboard.press('Enter');
      await page.locator('.student-report').waitFor();
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });

  test('a folder picked whole keeps result files and packs and counts what it leaves out', async () => {
    const stick = path.join(folder, 'usb-stick');
    await mkdir(path.join(stick, '七年级 1 班'), { recursive: true });
    for (const name of ['S100.json', 'S101.json']) {
      await writeFile(path.join(stick, '七年级 1 班', name), await readFile(path.join(folder, name)));
    }
    await writeFile(path.join(stick, 'photo.png'), '\x89PNG');
    await writeFile(path.join(stick, '七年级 1 班', 'notes.txt'), '名单');
    const page = await newTab(browser.context);
    await diagnosed(page, 'classroom-folder', async () => {
      await page.goto(`${baseUrl}#/class`);
      await page.getByLabel('选择文件夹').setInputFiles(stick);
      await page.getByRole('status').filter({ hasText: '共 2 个文件：2 名学生计入统计' }).waitFor();
      assert.match(await page.locator('.class-summary').innerText(), /文件夹里另有 2 个不是 \.json、\.zip 或 \.pack 的文件，已跳过。/);
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });

  test('a contest pack dropped with its submissions is what they are read against', async () => {
    const packFile = await contestPack(folder);
    const contest = JSON.parse(await readFile(packFile, 'utf8'));
    assert.equal(contest.lessons[0].tests.length, 5, 'the students\' copy has the visible cases only');
    const student = (i, passed) => ({ name: `选手${i}`, class: '', id: `K${i}`, work: contest.lessons.map((lesson) => ({ lesson, passed, attempts: 1 })) });
    const paths = [packFile];
    for (const [i, passed] of [[1, true], [2, false]]) {
      paths.push(path.join(folder, `K${i}.json`));
      await writeFile(paths.at(-1), JSON.stringify(resultFile(contest, student(i, passed), '2026-11-23T11:00:00.000Z')));
    }

    const page = await newTab(browser.context);
    await diagnosed(page, 'classroom-contest', async () => {
      await page.goto(`${baseUrl}#/class`);
      await page.getByLabel('选择成绩文件').setInputFiles(paths);
      await page.getByRole('status').filter({ hasText: '共 2 个文件：2 名学生计入统计，0 个文件有标记' }).waitFor();
      assert.match(await page.locator('.read-against').innerText(), /按课程包 school-contest\.pack 里的“校内赛”（版本 1\.0\.0）统计/);
      // A pack of one unit shows its lessons from the start.
      const headers = await page.locator('table.students thead th').allInnerTexts();
      assert.deepEqual(headers, ['姓名', '班级', '总分', '标记', '▾ 题目（2 课）', '平方', '回声', '报告']);
      const cells = await page.locator('table.students tbody tr').first().locator('td.number').allInnerTexts();
      assert.deepEqual(cells.map((text) => text.split('\n')), [['200 分'], ['通过 2 / 2'], ['100 分', '1 次 · 3 分钟'], ['100 分', '1 次 · 3 分钟']]);
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });

  test('40 students over the whole course at 1366×768: sticky names, units by keyboard, flags, histogram', async () => {
    const lessons = pack.course.unit.flatMap((unit) => unit.lessons).map((id) => pack.lessons.find((lesson) => lesson.id === id));
    // Student i reached lesson (i * 7) % 45 and passed those where (i + k) % 3 != 0; 学生39 took
    // 学生38's id by mistake, and one file has no name at all.
    const students = Array.from({ length: 40 }, (_, i) => ({
      i,
      name: i === 39 ? '' : `学生${String(i + 1).padStart(2, '0')}${i % 5 === 0 ? '·欧阳' : ''}`,
      class: CLASSES[i % 2],
      id: i === 38 ? 'T137' : `T${100 + i}`,
      work: lessons.slice(0, (i * 7) % 45).map((lesson, k) => ({ lesson, passed: (i + k) % 3 !== 0, attempts: 1 + ((i + k) % 4) })),
    }));
    const exportedAt = '2026-11-23T10:00:00.000Z';
    const whole = path.join(folder, 'whole-course');
    await mkdir(whole, { recursive: true });
    const paths = [];
    for (const student of students) {
      paths.push(path.join(whole, `T${student.i}.json`));
      await writeFile(paths.at(-1), JSON.stringify(resultFile(pack, student, exportedAt)));
    }
    const counted = students.filter((student) => student.name !== '' && student.id !== 'T137');
    const full = lessons.reduce((sum, lesson) => sum + lesson.points, 0);

    const page = await newTab(browser.context);
    await page.setViewportSize({ width: 1366, height: 768 });
    await diagnosed(page, 'classroom-whole-course', async () => {
      await page.goto(`${baseUrl}#/class`);
      await page.getByLabel('选择成绩文件').setInputFiles(paths);
      await page.getByRole('status').filter({ hasText: '共 40 个文件' }).waitFor();
      assert.equal(
        await page.locator('.class-summary').innerText(),
        `共 40 个文件：${counted.length} 名学生计入统计，3 个文件有标记（不计入），0 个文件无法读取。`,
      );
      assert.equal(
        await page.locator('.flag-summary').innerText(),
        '有标记的文件（不计入统计）：1 个没有姓名；2 个与别的文件学号相同、姓名不同。',
      );
      const table = page.locator('table.students');
      const rowOf = (text) => table.locator('tbody tr').filter({ hasText: text });
      assert.match(await rowOf('（没有姓名：T39.json）').locator('.flag').innerText(), /没有姓名/);
      for (const name of ['学生38', '学生39']) {
        assert.equal(await rowOf(name).locator('.flag').innerText(), '学号与别人相同', name);
      }

      // Units open and fold by keyboard, saying so to screen readers.
      const toggles = table.locator('button.unit-toggle');
      assert.equal(await toggles.count(), pack.course.unit.length);
      const lessonHeaders = () => table.locator('thead th button.sort').count();
      const before = await lessonHeaders();
      await toggles.nth(1).focus();
      await page.keyboard.press('Enter');
      await table.locator('button.unit-toggle[aria-expanded="true"]').waitFor();
      assert.equal(await lessonHeaders(), before + pack.course.unit[1].lessons.length);
      await page.keyboard.press('Space');
      await table.locator('button.unit-toggle[aria-expanded="true"]').waitFor({ state: 'detached' });
      assert.equal(await lessonHeaders(), before);
      // Every unit open: the whole course, 44 lesson columns and more.
      for (let k = 0; k < pack.course.unit.length; k += 1) {
        await toggles.nth(k).focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((index) => document.querySelectorAll('button.unit-toggle')[index].getAttribute('aria-expanded') === 'true', k);
      }
      assert.equal(await lessonHeaders(), before + lessons.length);

      // Scrolled to its far right, the names are still where the table starts, whole, on one line.
      const scroller = page.locator('.table-scroll');
      const scrolled = await scroller.evaluate((element) => {
        element.scrollLeft = element.scrollWidth;
        return { left: element.scrollLeft, wide: element.scrollWidth > element.clientWidth };
      });
      assert.ok(scrolled.wide && scrolled.left > 0, 'the whole course is wider than the screen');
      await page.locator('#class-table-heading').evaluate((heading) => heading.scrollIntoView());
      await page.screenshot({ path: '/work/scratch/shots/teacher-class-table.png' }).catch(() => {});
      const box = await scroller.boundingBox();
      const names = await table.locator('tbody th.name').evaluateAll((cells) => cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        const rect = cell.getBoundingClientRect();
        return { text: cell.innerText, left: rect.left, right: rect.right, width: rect.width, textWidth: range.getBoundingClientRect().width, lines: lines.size };
      }));
      assert.equal(names.length, 40);
      for (const name of names) {
        assert.ok(Math.abs(name.left - box.x) <= 1, `${name.text} stays at the left edge (${name.left} vs ${box.x})`);
        assert.ok(name.width >= name.textWidth, `${name.text} is not squeezed (${name.width} < ${name.textWidth})`);
        assert.equal(name.lines, 1, `${name.text} is on one line`);
      }
      const classes = await table.locator('tbody td.class').evaluateAll((cells) => cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { width: cell.getBoundingClientRect().width, textWidth: range.getBoundingClientRect().width, lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size };
      }));
      for (const cell of classes) {
        assert.ok(cell.width >= cell.textWidth && cell.lines === 1, `a class is not squeezed: ${JSON.stringify(cell)}`);
      }
      // The sticky name cell hides what scrolls under it: it has a background of its own.
      const background = await table.locator('tbody th.name').first().evaluate((cell) => getComputedStyle(cell).backgroundColor);
      assert.notEqual(background, 'rgba(0, 0, 0, 0)');
      // The last column is in view too.
      const last = await table.locator('tbody tr').first().locator('td').last().boundingBox();
      assert.ok(last.x + last.width <= box.x + box.width + 1, 'scrolled to the far right');

      // The histogram is of the whole course, whatever the furthest student reached.
      assert.match(await page.locator('.histogram p').innerText(), new RegExp(`全部 ${lessons.length} 课满分（${full} 分）`));
      const bins = Array(10).fill(0);
      for (const student of counted) {
        const total = student.work.filter((work) => work.passed).reduce((sum, work) => sum + work.lesson.points, 0);
        bins[Math.min(9, Math.floor(Math.floor((total * 100) / full) / 10))] += 1;
      }
      assert.deepEqual((await page.locator('.histogram tbody td').allInnerTexts()).map(Number), bins);

      // A report opened far down the table comes into view, its heading focused, its time local.
      await scroller.evaluate((element) => { element.scrollLeft = 0; });
      await table.getByRole('button', { name: '学生37 的学习报告' }).click();
      const heading = page.locator('.student-report h3');
      await page.waitForFunction(() => document.activeElement?.matches('.student-report h3'));
      const headingBox = await heading.boundingBox();
      assert.ok(headingBox.y >= 0 && headingBox.y + headingBox.height <= 768, `the report's heading is in view: ${headingBox.y}`);
      const expectedTime = await page.evaluate((at) => new Date(at).toLocaleString('zh-CN', {
        year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
      }), exportedAt);
      assert.match(expectedTime, /^2026年11月2[34]日 \d\d:\d\d$/);
      assert.ok((await page.locator('.student-report').innerText()).includes(`导出时间：${expectedTime}`));
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });
});
