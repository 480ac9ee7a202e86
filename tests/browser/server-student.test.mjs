// The student's side of the classroom server (issue #16), in Chromium: `sprout serve` with the
// built app and a fresh data folder (classroom-server.mjs), the teacher's class made through the
// API; students join from fresh browser profiles, work, run and check, and the teacher's API
// shows every version and event. A wiped profile (the restore card) finds everything again; a
// server killed (SIGKILL) or stopped for 30 s while a student types loses nothing the page said
// was saved, and what was typed meanwhile arrives once it is back. Build first:
//   cargo build -p sprout-cli && trunk build --release --offline

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newTab, typeProgram } from './support.mjs';
import { api, createClass, setUpTeacher, startClassroomServer } from './classroom-server.mjs';

const SAVED = '已保存到老师的电脑';
const AWAY = '连不上老师的电脑，作品先存本机，稍后自动补交';
const HELLO = 'print("你好，世界！");\nprint("我开始学编程了。");';

describe('students on the classroom server', () => {
  let server;
  let teacher;
  let klass;
  const browsers = [];

  before(async () => {
    server = await startClassroomServer();
    teacher = await setUpTeacher(server);
    klass = await createClass(server, teacher, '七年级一班', '张小明 1\n李华 2\n王芳 3\n赵强 4\n');
  });

  after(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
  });

  /** A student's browser on a fresh, empty profile, open at the server's address. Every change of
   * the header's save status is logged in the page with the editor's code at that moment. */
  async function freshBrowser() {
    const browser = await launch();
    browsers.push(browser);
    const page = await newTab(browser.context);
    await page.addInitScript(() => {
      window.statusLog = [];
      new MutationObserver(() => {
        const status = document.querySelector('.server-saving');
        const text = status?.textContent ?? '';
        if (text && text !== window.statusLog.at(-1)?.text) {
          window.statusLog.push({ text, code: document.querySelector('textarea.code-editor-input')?.value ?? null });
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(`${server.url}/`);
    return { browser, page };
  }

  /** Joins with the mouse: class, name, PIN, the join button. */
  async function join(page, student, pin = student.pin) {
    await page.getByRole('heading', { name: '加入班级' }).waitFor();
    await page.getByLabel('班级', { exact: true }).selectOption({ label: klass.name });
    await page.getByLabel('你的名字', { exact: true }).selectOption({ label: student.name });
    await page.getByLabel('登录码', { exact: true }).fill(pin);
    await page.getByRole('button', { name: '加入', exact: true }).click();
  }

  async function signedIn(page, student) {
    await page.locator('.server-who').getByText(`${student.name} · ${klass.name}`).waitFor();
  }

  /** How many save statuses the page has shown so far. */
  const mark = (page) => page.evaluate(() => window.statusLog.length);

  /** Waits until the status says saved after `since`, and has said something else before it. */
  async function savedAfter(page, since, timeout = 60_000) {
    await page.waitForFunction(
      ({ since, saved }) => window.statusLog.length > since + 1 && window.statusLog.at(-1).text === saved,
      { since, saved: SAVED },
      { timeout },
    );
  }

  /** The teacher's view of a student: versions per lesson and the timeline. */
  async function detail(student) {
    return (await api(server, 'GET', `/api/classes/${klass.id}/students/${student.id}`, { cookie: teacher })).body;
  }

  const versions = (view, lesson) => view.lessons.find((entry) => entry.lesson === lesson)?.versions.map((version) => version.code) ?? [];

  async function openHello(page) {
    await page.getByRole('button', { name: /^你好，世界：/ }).click();
    await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
  }

  test('three students join, type, run and check; the teacher sees their versions and events', async () => {
    for (const [index, student] of klass.students.slice(0, 3).entries()) {
      const { page } = await freshBrowser();
      await join(page, student);
      await signedIn(page, student);
      await openHello(page);
      const before = await mark(page);
      const code = index === 1 ? HELLO : `print("学生${index}");`;
      await typeProgram(page, code);
      await savedAfter(page, before);
      await page.getByRole('button', { name: '运行', exact: true }).click();
      await page.locator('.console').getByText(index === 1 ? '我开始学编程了。' : `学生${index}`).waitFor();
      await page.getByRole('button', { name: /检查/ }).click();
      await page.locator('.grading').getByText(index === 1 ? '全部通过' : '还有测试没通过').waitFor();
      // The check and the run reach the server: poll the teacher's view (no fixed sleep).
      let view;
      for (;;) {
        view = await detail(student);
        const kinds = view.timeline.map((event) => event.kind);
        if (kinds.includes('check') && kinds.includes('run')) break;
        await page.waitForTimeout(100);
      }
      assert.ok(versions(view, 'hello').includes(code), `${student.name}'s code is a version: ${versions(view, 'hello')}`);
      const check = view.timeline.find((event) => event.kind === 'check');
      assert.equal(check.passed, index === 1, 'the server graded the check itself');
      assert.deepEqual(page.errors, []);
      page.student = student;
    }
  });

  test('a wiped profile (the restore card) signs in again and finds the code and progress', async () => {
    const student = klass.students[1];
    // Lesson 1 was passed in the first test; a fresh profile knows nothing of it.
    const { page } = await freshBrowser();
    await join(page, student);
    await signedIn(page, student);
    // Passed lesson 1 opens lesson 2, as on the PC where it was passed.
    const second = page.getByRole('button', { name: /^变量：/ });
    await second.waitFor();
    assert.notEqual(await second.getAttribute('aria-disabled'), 'true', 'lesson 2 is open again');
    await openHello(page);
    assert.equal(await page.getByRole('textbox', { name: '程序', exact: true }).inputValue(), HELLO);
    assert.deepEqual(page.errors, []);
  });

  test('a server killed while a student types loses no saved edit, and gets the rest when back', async () => {
    const student = klass.students[0];
    const { page } = await freshBrowser();
    await page.setViewportSize({ width: 1366, height: 768 });
    await join(page, student);
    await signedIn(page, student);
    await openHello(page);
    const start = await mark(page);
    await typeProgram(page, 'print("一");');
    await savedAfter(page, start);
    await typeProgram(page, 'print("二");');
    await server.kill('SIGKILL');
    await typeProgram(page, 'print("三");');
    await page.locator('.server-saving').getByText(AWAY).waitFor();
    // Said quietly: on a school screen's 1366×768 the paused status is one line of the header.
    const lines = await page.locator('.server-saving').evaluate((status) => {
      const range = document.createRange();
      range.selectNodeContents(status);
      return new Set([...range.getClientRects()].map((rectangle) => Math.round(rectangle.top))).size;
    });
    assert.equal(lines, 1, 'the paused status fits one line');
    const typedWhileDown = 'print("四");';
    await typeProgram(page, typedWhileDown);
    const down = await mark(page);
    await server.start();
    await savedAfter(page, down - 1);
    const shownSaved = (await page.evaluate(() => window.statusLog))
      .filter((entry) => entry.text === SAVED && entry.code !== null)
      .map((entry) => entry.code);
    const history = versions(await detail(student), 'hello');
    for (const code of shownSaved) {
      assert.ok(history.includes(code), `${JSON.stringify(code)} was shown as saved and is in ${JSON.stringify(history)}`);
    }
    assert.equal(history.at(-1), typedWhileDown, 'the edit typed while it was down is the current version');
    assert.deepEqual(page.errors, []);
  });

  test('a server stopped for 30 s while a student types gets the edits after', async () => {
    const student = klass.students[2];
    const { page } = await freshBrowser();
    await join(page, student);
    await signedIn(page, student);
    await openHello(page);
    await server.stop();
    const stopped = Date.now();
    await typeProgram(page, 'print("停了");');
    await page.locator('.server-saving').getByText(AWAY).waitFor();
    await typeProgram(page, 'print("停了还在写");');
    // The 30 seconds, waited out as it is.
    await page.waitForTimeout(Math.max(0, 30_000 - (Date.now() - stopped)));
    const down = await mark(page);
    await server.start();
    await savedAfter(page, down - 1);
    assert.equal(versions(await detail(student), 'hello').at(-1), 'print("停了还在写");');
    assert.deepEqual(page.errors, []);
  });

  test('joining works from the keyboard alone, and a wrong PIN is refused in the server’s words', async () => {
    const student = klass.students[3];
    const { page } = await freshBrowser();
    await page.getByRole('heading', { name: '加入班级' }).waitFor();
    // The one class is chosen already; Tab reaches the name list.
    await page.waitForFunction((id) => document.getElementById('join-class')?.value === id, String(klass.id));
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    for (let presses = 0; (await focused()) !== 'join-student'; presses += 1) {
      assert.ok(presses < 30, 'Tab reaches the name list');
      await page.keyboard.press('Tab');
    }
    const names = page.getByLabel('你的名字', { exact: true });
    await names.locator('option', { hasText: student.name }).waitFor({ state: 'attached' });
    for (let presses = 0; (await names.evaluate((list) => list.selectedOptions[0]?.textContent)) !== student.name; presses += 1) {
      assert.ok(presses < 10, 'the arrow keys reach the name');
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'join-pin');
    const wrong = student.pin === '000000' ? '111111' : '000000';
    await page.keyboard.type(wrong);
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('登录码不对。').waitFor();
    await page.getByLabel('登录码', { exact: true }).press('Control+A');
    await page.keyboard.type(student.pin);
    await page.keyboard.press('Enter');
    await signedIn(page, student);
    // Signing out (keyboard too) brings the join panel back.
    await page.getByRole('button', { name: '退出登录' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '加入班级' }).waitFor();
    assert.deepEqual(page.errors, []);
  });
});
