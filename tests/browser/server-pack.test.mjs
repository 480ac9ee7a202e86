// A teacher's own course on the classroom server (issue #16, "Give the class a course"), in
// Chromium against a real `sprout serve` (classroom-server.mjs): the teacher, on the server's PC,
// uploads the full copy of a one-lesson course (`sprout pack`, a visible and a hidden test) on the
// class page, creates a class of it and adds a student. The student joins from a fresh profile and
// gets that course, not Sprout's own (and no way to open another while in the class); the pack the
// browser received has no hidden test and no solution; a right program is graded by the server on
// the full copy, hidden test included; a wiped profile signs in again into the same course and code.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { api, startClassroomServer, TEACHER_PASSWORD } from './classroom-server.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';
import { launch, newTab, sprout, typeProgram, writeSource } from './support.mjs';

const CLASS = '编程社';
const STUDENT = '林小雨';
const TITLE = '社团小课';
const SOLUTION = 'print(1);';

/**
 * Writes a course of one lesson, 打印 1 (print `1`: a visible test of 40 points and a hidden one of
 * 60), into `folder` and packs its full copy (hidden test and solution included); its path.
 */
async function packCourse(folder) {
  await writeSource(folder, {
    'course.toml':
      `id = "club"\nversion = "1.0.0"\ntitle = { zh = "${TITLE}", en = "Club course" }\n\n` +
      '[[unit]]\nid = "first"\ntitle = { zh = "第一单元" }\nlessons = ["one"]\n',
    'one.md':
      '+++\nid = "one"\ntitle = { zh = "打印 1", en = "Print 1" }\n+++\n\n用 `print` 打印数字 1。\n\n' +
      `\`\`\`rhai solution\n${SOLUTION}\n\`\`\`\n\n\`\`\`hint\n用 print。\n\`\`\`\n\n` +
      '```tests\n[[test]]\nkind = "output"\npoints = 40\n\n[[test]]\nkind = "output"\npoints = 60\nhidden = true\n```\n',
  });
  const file = path.join(folder, 'club.pack');
  sprout('pack', folder, '-o', file);
  return file;
}

describe("a teacher's course pack on the classroom server", () => {
  let server;
  let teacher;
  let folder;
  const students = [];

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sprout-pack-'));
    server = await startClassroomServer();
    teacher = await launchChromium({});
  });

  after(async () => {
    for (const browser of students) await browser.close();
    await teacher?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  test('uploaded, given to a class, opened by its students, graded with its hidden test', async () => {
    const packFile = await packCourse(folder);
    const page = await newTab(teacher.context);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(server.url);
    await page.getByRole('button', { name: '学情分析（教师）' }).click();
    await page.getByLabel('新密码（至少 8 个字符）').fill(TEACHER_PASSWORD);
    await page.getByRole('button', { name: '设置密码' }).click();
    await page.getByText('已以老师身份登录。').waitFor();

    // A file that is not a pack is refused in the server's words; the pack is kept.
    await page.getByLabel(/上传课程包/).setInputFiles({ name: 'notes.pack', mimeType: 'application/json', buffer: Buffer.from('{"format":"x"}') });
    await page.getByRole('alert').filter({ hasText: '这不是可用的课程包' }).waitFor();
    await page.getByLabel(/上传课程包/).setInputFiles(packFile);
    await page.getByRole('status').filter({ hasText: '已上传课程包 club.pack（1 课）' }).waitFor();
    // The new class's course stays Sprout's own until the teacher picks the pack.
    assert.equal(await page.getByRole('combobox', { name: /^课程/ }).inputValue(), 'builtin');

    await page.getByLabel('新班级名称').fill(CLASS);
    await page.getByRole('combobox', { name: /^课程/ }).selectOption({ label: 'club-1.0.0' });
    await page.getByRole('button', { name: '创建班级' }).click();
    await page.getByRole('heading', { name: CLASS, level: 4 }).waitFor();
    await page.getByLabel(/粘贴名单/).fill(`${STUDENT} 1\n`);
    await page.getByRole('button', { name: '添加学生' }).click();
    await page.getByRole('status').filter({ hasText: '已添加 1 名学生。' }).waitFor();
    const pin = (await page.locator('.roster-table tr', { hasText: STUDENT }).locator('td.pin').textContent()).trim();
    const cookie = `sprout_teacher=${(await teacher.context.cookies()).find((entry) => entry.name === 'sprout_teacher').value}`;
    const classes = (await api(server, 'GET', '/api/classes', { cookie })).body;
    const klass = classes.find((entry) => entry.name === CLASS);
    const student = (await api(server, 'GET', `/api/classes/${klass.id}/students`, { cookie })).body.students[0];

    /** A student's browser on a fresh profile, joined, on the class course's home page. */
    async function joined() {
      const browser = await launch();
      students.push(browser);
      const tab = await newTab(browser.context);
      tab.packs = [];
      tab.on('response', async (response) => {
        if (response.url().endsWith('/api/me/pack')) tab.packs.push(await response.json());
      });
      await tab.goto(`${server.url}/`);
      await tab.getByRole('heading', { name: '加入班级' }).waitFor();
      await tab.getByLabel('班级', { exact: true }).selectOption({ label: CLASS });
      await tab.getByLabel('你的名字', { exact: true }).selectOption({ label: STUDENT });
      await tab.getByLabel('登录码', { exact: true }).fill(pin);
      await tab.getByRole('button', { name: '加入', exact: true }).click();
      await tab.getByRole('heading', { name: `课程：${TITLE}` }).waitFor();
      return tab;
    }

    const first = await joined();
    // The class's course, not one of the student's choosing.
    assert.equal(await first.getByLabel(/打开老师发的课程/).count(), 0, 'no pack of their own while in the class');
    assert.equal(first.packs.length, 1);
    const received = first.packs[0];
    assert.equal(received.full, false);
    assert.deepEqual(received.lessons[0].tests.map((test) => test.hidden), [false], 'only the visible test');
    assert.equal(received.lessons[0].solution ?? null, null, 'no solution');

    await first.getByRole('button', { name: /^打印 1：/ }).click();
    await first.getByRole('heading', { name: '打印 1', level: 2 }).waitFor();
    await typeProgram(first, SOLUTION);
    await first.getByRole('button', { name: /检查/ }).click();
    await first.locator('.grading').getByText('全部通过').waitFor();
    // The server's grade of that check, over the full copy: 100 points, the hidden test's 60 too.
    let check;
    while (!check) {
      const view = (await api(server, 'GET', `/api/classes/${klass.id}/students/${student.id}`, { cookie })).body;
      check = view.timeline.find((event) => event.kind === 'check');
      if (!check) await first.waitForTimeout(100);
    }
    assert.deepEqual([check.score, check.max_score, check.passed], [100, 100, true]);
    assert.deepEqual(first.errors, []);

    // The restore card: a fresh profile signs in again into the same course, code and all.
    const again = await joined();
    await again.getByRole('button', { name: /^打印 1：/ }).click();
    assert.equal(await again.getByRole('textbox', { name: '程序', exact: true }).inputValue(), SOLUTION);
    assert.deepEqual(again.errors, []);
  });
});
