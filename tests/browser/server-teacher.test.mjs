// The teacher's side of the classroom server (issue #16, "Teacher") in the built app, in Debian's
// Chromium, against a real `sprout serve` (tests/browser/classroom-server.mjs): the teacher, in a
// browser on the server's own PC (loopback), opens 学情分析 and sets the password, creates a class
// from a pasted roster, reads the PINs, resets one, removes a student after a confirmation and
// looks at the join cards as they print. Then students act through the API (their own PIN
// cookies: sign in, save, check a wrong program and a right one, a run that hit a mistake) while
// the teacher's page stays open: the stuck list and the table change by themselves within 2 s,
// without a reload. The student's page shows the saved versions and the timeline; the table's CSV
// downloads with a BOM and the names; a wrong password is refused in words; the teacher signs in
// again by keyboard alone; the live stream's loss is said and its return noticed; a fresh browser
// without the teacher's cookie sees the sign-in and no class data (the API refuses it).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { api, startClassroomServer, TEACHER_PASSWORD } from './classroom-server.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';
import { diagnosed, launch, newTab, seriousViolations } from './support.mjs';

const CLASS = '七年级 3 班';
const ROSTER = '姓名,学号\n王小明,301\n李小红,302\n张小刚,303\n';
/** Within this time of a student's action the teacher's page shows it (the figure). */
const LIVE_MS = 2000;

/** A student's session cookie, signed in through the API with their PIN. */
async function signInStudent(server, classId, student, pin) {
  return (await api(server, 'POST', '/api/student/login', { json: { class: classId, student, pin } })).cookie;
}

/** The PIN the roster table shows for `name`. */
async function pinShown(page, name) {
  return (await page.locator('.roster-table tr', { hasText: name }).locator('td.pin').textContent()).trim();
}

describe('the teacher on the classroom server', () => {
  let server;
  let teacher;
  let stranger;

  before(async () => {
    server = await startClassroomServer();
    // The server's Content-Security-Policy refuses inline scripts: the teacher's browser lets the
    // test add axe-core's.
    teacher = await launchChromium({ acceptDownloads: true, bypassCSP: true });
    stranger = await launch();
  });

  after(async () => {
    await stranger?.close();
    await teacher?.close();
    await server?.close();
  });

  test('sets up a class, follows its students live, reads one student, exports, signs in again', async () => {
    const page = await newTab(teacher.context);
    await page.setViewportSize({ width: 1366, height: 768 });
    await diagnosed(page, 'server-teacher', async () => {
      await page.goto(server.url);
      await page.getByRole('button', { name: '学情分析（教师）' }).click();
      await page.getByRole('heading', { name: '教室服务器' }).waitFor();
      // The file import stays below.
      await page.getByRole('heading', { name: '成绩文件' }).waitFor();

      // The password, set from this PC (loopback).
      await page.getByLabel('新密码（至少 8 个字符）').fill(TEACHER_PASSWORD);
      await page.getByRole('button', { name: '设置密码' }).click();
      await page.getByText('已以老师身份登录。').waitFor();
      const hello = await api(server, 'GET', '/api/hello');
      assert.equal(hello.body.teacher, true);

      // A class from a pasted roster (a first line of column names is skipped).
      await page.getByLabel('新班级名称').fill(CLASS);
      await page.getByRole('button', { name: '创建班级' }).click();
      await page.getByRole('heading', { name: CLASS, level: 4 }).waitFor();
      await page.getByLabel(/粘贴名单/).fill(ROSTER);
      await page.getByRole('button', { name: '添加学生' }).click();
      await page.getByRole('status').filter({ hasText: '已添加 3 名学生。' }).waitFor();
      await page.getByRole('button', { name: `${CLASS}（3 名学生）` }).waitFor();
      const teacherCookie = (await teacher.context.cookies()).find((cookie) => cookie.name === 'sprout_teacher');
      const cookie = `sprout_teacher=${teacherCookie.value}`;
      const classId = (await api(server, 'GET', '/api/classes', { cookie })).body.find((one) => one.name === CLASS).id;
      const listed = async () => (await api(server, 'GET', `/api/classes/${classId}/students`, { cookie })).body.students;
      const students = Object.fromEntries((await listed()).map((student) => [student.name, student]));
      for (const name of ['王小明', '李小红', '张小刚']) {
        assert.match(students[name].pin, /^\d{6}$/);
        assert.equal(await pinShown(page, name), students[name].pin, `${name}'s PIN on the page`);
      }

      // A new PIN for 王小明: the page shows the server's new one.
      await page.getByRole('button', { name: '重设登录码（王小明）' }).click();
      await page.getByRole('status').filter({ hasText: '已为 王小明 重设登录码。' }).waitFor();
      const renewed = (await listed()).find((student) => student.name === '王小明').pin;
      assert.notEqual(renewed, students['王小明'].pin);
      assert.equal(await pinShown(page, '王小明'), renewed);

      // 张小刚 removed, after the teacher confirms; his old PIN no longer signs in.
      const question = new Promise((resolve) => {
        page.once('dialog', async (dialog) => {
          resolve(dialog.message());
          await dialog.accept();
        });
      });
      await page.getByRole('button', { name: '把张小刚移出班级' }).click();
      assert.match(await question, /张小刚.*作业都会保留/);
      await page.getByRole('status').filter({ hasText: '已把 张小刚 移出班级（作业保留）。' }).waitFor();
      await page.locator('.roster-table tr', { hasText: '张小刚' }).getByText('（已移出班级，作业仍保留）').waitFor();
      await api(server, 'POST', '/api/student/login', {
        json: { class: classId, student: students['张小刚'].id, pin: students['张小刚'].pin },
        status: 403,
      });

      // The join cards: one per student still in the class, with the class, name, PIN and address;
      // printed, only the cards show.
      await page.getByRole('button', { name: '打印登录卡' }).click();
      const cards = page.locator('.join-card');
      await cards.first().waitFor();
      const cardTexts = await cards.allTextContents();
      assert.equal(cardTexts.length, 2);
      for (const [name, pin] of [['王小明', renewed], ['李小红', students['李小红'].pin]]) {
        const card = cardTexts.find((text) => text.includes(name));
        assert.ok(card, `a card for ${name}`);
        assert.ok(card.includes(CLASS) && card.includes(pin) && card.includes(server.url), card);
      }
      await page.emulateMedia({ media: 'print' });
      assert.equal(await cards.first().isVisible(), true);
      assert.equal(await page.getByRole('button', { name: '退出登录' }).isVisible(), false);
      assert.equal(await page.locator('.join-cards-actions').isVisible(), false);
      await page.screenshot({ path: 'tests/browser/artifacts/server-teacher-cards-print.png', fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: '关闭登录卡' }).click();
      await cards.first().waitFor({ state: 'detached' });

      // The live view, before anyone started.
      await page.getByRole('heading', { name: '实时学情' }).waitFor();
      await page.getByText('实时更新中。').waitFor();
      await page.getByText('还没有学生开始做题。').waitFor();
      await page.evaluate(() => {
        window.notReloaded = true;
      });
      await page.screenshot({ path: 'tests/browser/artifacts/server-teacher-class.png', fullPage: true });

      // Students work, through the API, while the page stays open.
      const ming = await signInStudent(server, classId, students['王小明'].id, renewed);
      const hong = await signInStudent(server, classId, students['李小红'].id, students['李小红'].pin);
      const wrong = 'print("Hello");';
      const right = 'print("你好，世界！");\nprint("我开始学编程了。");';
      await api(server, 'PUT', '/api/me/lessons/hello/code', { json: { code: wrong, based_on: null }, cookie: ming });
      const failed = await api(server, 'POST', '/api/me/lessons/hello/check', { json: { code: wrong }, cookie: ming });
      assert.equal(failed.body.passed, false);
      await api(server, 'POST', '/api/me/events', {
        json: { kind: 'run', lesson: 'hello', codes: ['undefined-variable'] },
        cookie: ming,
      });
      const stuckRow = page.locator('.stuck-table tr', { hasText: '王小明' });
      await stuckRow.getByText('我不认识变量 …。').waitFor({ timeout: LIVE_MS });
      assert.equal((await stuckRow.locator('td').nth(0).textContent()).trim(), '你好，世界');
      assert.equal((await stuckRow.locator('td').nth(2).textContent()).trim(), '1');
      await page.locator('.common-codes').getByText('我不认识变量 …。（1 人）').waitFor();

      // The table, its first unit opened: 王小明's cell of the first lesson changes by itself.
      const table = page.locator('table.students');
      await table.getByRole('button', { name: /第一步：输出与变量/ }).click();
      const mingRow = table.locator('tbody tr', { hasText: '王小明' });
      // The wrong program's grade, the server's full one (hidden tests too), as the teacher's API has it.
      const overview = (await api(server, 'GET', `/api/classes/${classId}/overview`, { cookie })).body;
      const firstScore = overview.table.rows.find((row) => row.name === '王小明').cells[0].score;
      assert.ok(firstScore < 100);
      await mingRow.locator('td.number').nth(2).filter({ hasText: new RegExp(`^${firstScore} 分`) }).waitFor();
      await api(server, 'POST', '/api/me/lessons/hello/check', { json: { code: right }, cookie: ming });
      await mingRow.locator('td.number.passed').nth(0).filter({ hasText: /^100 分/ }).waitFor({ timeout: LIVE_MS });
      await mingRow.getByText('通过 1 / 5').waitFor();
      await api(server, 'PUT', '/api/me/lessons/variables/code', { json: { code: 'let a = 1;', based_on: null }, cookie: hong });
      await page.locator('.stuck-table tr', { hasText: '李小红' }).waitFor({ timeout: LIVE_MS });
      assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
      assert.deepEqual(await seriousViolations(page), []);
      await page.screenshot({ path: 'tests/browser/artifacts/server-teacher-live.png', fullPage: true });

      // 王小明's page: his versions of the lesson, any one shown, and his timeline.
      await page.locator('.stuck-table').getByRole('button', { name: '王小明' }).click();
      await page.getByRole('heading', { name: '王小明（301）' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'student-page-heading');
      const versions = page.getByRole('list', { name: '你好，世界的历史版本' }).getByRole('button');
      assert.equal(await versions.count(), 3, 'the save and both checks are versions');
      assert.equal(await page.locator('.student-code').textContent(), right);
      await versions.first().click();
      assert.equal(await page.locator('.student-code').textContent(), wrong);
      assert.equal(await versions.first().getAttribute('aria-pressed'), 'true');
      const moments = await page.locator('.timeline li').allTextContents();
      assert.equal(moments.length, 3, moments.join('\n'));
      assert.ok(moments[0].includes(`检查 你好，世界 · ${firstScore} / 100 分 · 没有全部通过`), moments[0]);
      assert.match(moments[1], /运行 你好，世界 · 我不认识变量 …。/);
      assert.match(moments[2], /检查 你好，世界 · 100 \/ 100 分 · 全部通过/);
      await page.screenshot({ path: 'tests/browser/artifacts/server-teacher-student.png', fullPage: true });
      await page.getByRole('button', { name: '返回班级' }).click();
      await page.getByRole('heading', { name: '实时学情' }).waitFor();

      // The table's CSV, from the server: UTF-8 with a BOM, with the names.
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: '成绩表（CSV，可用 Excel 打开）' }).click();
      const csv = await readFile(await (await download).path());
      assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const csvText = csv.toString('utf8');
      assert.ok(csvText.includes('王小明') && csvText.includes('李小红'), csvText);

      // The live stream lost (the server killed) is said; back, the view reads everything again.
      await server.kill();
      await page.getByText('实时更新已断开，正在重新连接……').waitFor({ timeout: 10_000 });
      await server.start();
      await api(server, 'POST', '/api/me/lessons/variables/check', { json: { code: 'let a = 1;' }, cookie: hong });
      await page.getByText('实时更新中。').waitFor({ timeout: 15_000 });
      await page.locator('.stuck-table tr', { hasText: '李小红' }).locator('td').nth(2).getByText('1').waitFor();

      // Signed out, a wrong password is refused in the server's words.
      await page.getByRole('button', { name: '退出登录' }).click();
      const password = page.getByLabel('老师密码');
      await password.fill('not-the-password');
      await password.press('Enter');
      await page.getByRole('alert').getByText('密码不对。').waitFor();

      // Signing in by keyboard alone: Tab to the password, type it, Enter.
      await page.evaluate(() => document.activeElement?.blur());
      for (let presses = 0; presses < 60; presses += 1) {
        if (await page.evaluate(() => document.activeElement?.id === 'teacher-password')) break;
        await page.keyboard.press('Tab');
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'teacher-password');
      await page.keyboard.type(TEACHER_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByText('已以老师身份登录。').waitFor();
      await page.getByRole('button', { name: `${CLASS}（2 名学生）` }).waitFor();
      assert.deepEqual(page.errors, []);
    });

    // Another browser, without the teacher's cookie: the sign-in, and no class data.
    const other = await newTab(stranger.context);
    await diagnosed(other, 'server-teacher-stranger', async () => {
      await other.goto(server.url);
      await other.getByRole('button', { name: '学情分析（教师）' }).click();
      await other.getByLabel('老师密码').waitFor();
      assert.equal(await other.getByText(CLASS).count(), 0);
      assert.equal(await other.getByText('王小明').count(), 0);
      const refused = await other.evaluate(async () => {
        const response = await fetch('/api/classes/1/overview');
        return { status: response.status, body: await response.json() };
      });
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error, 'not-signed-in');
    });
  });
});
