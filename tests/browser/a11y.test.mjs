// Issue #4 (accessibility) in the built app, in Debian's Chromium: axe-core scans every screen a
// student meets (the course, a lesson before and after a failed check, a lesson with a hint, the
// free editor with a mistake in the console and with a chart, a maker lesson whose program plays on
// the board, the teachers' class dashboard with a table and a report, the lesson editor, and a
// contest's page and problem with its clock) in the normal and high-contrast themes, in English and at the largest text size, and
// fails on any serious or critical violation; a keyboard-only student opens lesson 1 and checks it
// with Tab, Escape and Enter, and sees where the focus is.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, packContest, repository, serve, seriousViolations, unlockLessons } from './support.mjs';

const distribution = path.resolve(repository, process.env.SPROUT_DIST ?? 'dist');

// Lesson 1 wants two lines; one line gets a wrong answer with expected and actual output.
const WRONG_HELLO = 'print("你好，世界！");';
// An undefined variable: the console shows a diagnostic with its line and column.
const MISTAKE = 'let x = 1;\nprint(y);';
// A chart, with its summary and data table.
const CHART = 'bar(["苹果", "香蕉", "橙子"], [12, 7, 9]);';
// A maker program that reads a sensor for ever: the board's buttons and sliders are live.
const THERMOMETER = 'loop {\n    print(temperature());\n    sleep(500);\n}';

/** Replaces the program in the editor. */
async function setProgram(page, program) {
  const editor = page.locator('textarea#editor');
  await editor.fill(program);
  assert.equal(await editor.inputValue(), program);
}

/** How the page is set up before the screens are scanned; each starts on the course page. */
const VARIANTS = {
  default: async () => {},
  'high contrast': async (page) => {
    await page.getByRole('button', { name: '高对比度' }).click();
    await page.locator('html.high-contrast').waitFor();
  },
  English: async (page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
  },
  'largest text': async (page) => {
    const larger = page.getByRole('button', { name: '放大字号' });
    for (let presses = 0; presses < 20 && (await larger.isEnabled()); presses += 1) {
      await larger.click();
    }
    assert.equal(await larger.isDisabled(), true, 'the text size stops growing');
  },
};

describe('accessibility in Chromium', () => {
  let stopServer;
  let baseUrl;
  let contestFolder;
  let contest;

  before(async () => {
    contestFolder = await mkdtemp(path.join(tmpdir(), 'sprout-a11y-'));
    contest = await packContest(contestFolder);
    await stat(path.join(distribution, 'index.html')).catch(() => {
      throw new Error(`${distribution}/index.html is missing: run \`trunk build --release\` first`);
    });
    ({ url: baseUrl, close: stopServer } = await serve(distribution));
  });

  after(async () => {
    await stopServer?.();
    await rm(contestFolder, { recursive: true, force: true });
  });

  for (const [variant, setUp] of Object.entries(VARIANTS)) {
    test(`axe finds no serious or critical violation on any screen (${variant})`, async () => {
      // A fresh profile each time: the view settings are remembered.
      const browser = await launch();
      try {
        await unlockLessons(browser.context, ['temperature-alarm']);
        const page = await browser.context.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(error));
        const found = [];
        const scan = async (screen) => {
          for (const line of await seriousViolations(page)) {
            found.push(`${screen}:\n${line}`);
          }
        };

        await page.goto(baseUrl);
        await page.locator('#course-heading').waitFor();
        await setUp(page);
        await scan('the course page (#/)');

        await page.locator('.lesson').first().getByRole('button').click();
        await page.locator('#lesson-title').waitFor();
        assert.match(page.url(), /#\/lesson\/hello$/);
        await scan('lesson 1 (#/lesson/hello)');

        await setProgram(page, WRONG_HELLO);
        await page.locator('.controls .check').click();
        await page.locator('.grading .tests .feedback').first().waitFor();
        await scan('lesson 1 after a failed check');

        await page.locator('.controls .hint').click();
        await page.locator('.hint-box').first().waitFor();
        await scan('lesson 1 with a hint');

        await page.goto(`${baseUrl}#/play`);
        await page.locator('.playground textarea#editor').waitFor();
        await setProgram(page, MISTAKE);
        await page.locator('.controls .run').click();
        await page.locator('.output .diagnostic').waitFor();
        await page.locator('.code-editor-message').waitFor();
        await scan('the free editor (#/play) with a mistake');

        await setProgram(page, CHART);
        await page.locator('.controls .run').click();
        await page.locator('.chart canvas').waitFor();
        await scan('the free editor with a chart');

        await page.goto(`${baseUrl}#/lesson/temperature-alarm`);
        await page.locator('.board').waitFor();
        await setProgram(page, THERMOMETER);
        await page.locator('.controls .run').click();
        await page.locator('.board-button:enabled').first().waitFor();
        await scan('a maker lesson while its program plays (#/lesson/temperature-alarm)');

        await page.goto(`${baseUrl}#/lesson/variables`);
        await page.locator('.locked-lesson').waitFor();
        await scan('a locked lesson opened by its address (#/lesson/variables)');

        // The class dashboard with one (flagged) result file and one that is not a result file.
        await page.goto(`${baseUrl}#/class`);
        await page.locator('.drop-zone').waitFor();
        await scan('the class dashboard (#/class)');
        const handedIn = {
          format: 'sprout-result', version: 1, app_version: '0.1.0', exported_at: '2026-11-23T10:00:00Z',
          student: { name: '王小明', class: '七年级 3 班', school: '实验中学', student_id: 'S1' },
          pack: { id: 'other', version: '1.0.0', content_hash: 'sha256:00' }, lessons: [], digest: 'sha256:00',
        };
        await page.locator('.drop-zone input[type=file]').first().setInputFiles([
          { name: 'S1.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(handedIn)) },
          { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{') },
        ]);
        await page.locator('table.students tbody tr').waitFor();
        await page.locator('table.students tbody button').click();
        await page.locator('.student-report').waitFor();
        await scan('the class dashboard with a table and a report');

        await page.goto(`${baseUrl}#/author`);
        await page.locator('.author-preview').waitFor();
        await page.locator('.author .primary').first().click();
        await page.locator('.verify-passed').waitFor();
        await scan('the lesson editor (#/author) after Verify');

        await page.goto(baseUrl);
        await page.locator('#pack-file').setInputFiles(contest);
        await page.locator('.contest-bar').waitFor();
        await page.locator('#student-name').fill('韩梅梅');
        await page.locator('#student-school').fill('第一中学');
        await page.locator('#student-id').fill('7');
        await scan('a contest before it starts');
        await page.locator('.home.contest .continue').click();
        await page.locator('.contest-clock strong').waitFor();
        await scan("a contest's problem with its clock");

        assert.deepEqual(errors, []);
        if (found.length > 0) assert.fail(`axe (${variant}):\n${found.join('\n')}`);
      } finally {
        await browser.close();
      }
    });
  }

  test('a keyboard alone opens lesson 1 and checks it, and the focus is always visible', async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await page.goto(baseUrl);
      await page.locator('#course-heading').waitFor();

      /** The focused element: its accessible-ish name and whether its focus is visible. */
      const focused = () =>
        page.evaluate(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          const outlined = (candidate) => {
            const style = getComputedStyle(candidate);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          };
          // The editor's transparent textarea shows its focus on the frame around it.
          const frame = element.closest('.code-editor-frame');
          return {
            tag: element.tagName.toLowerCase(),
            name: element.getAttribute('aria-label') ?? element.textContent.trim(),
            classes: element.className,
            focusVisible: element.matches(':focus-visible'),
            visible: outlined(element) || (frame !== null && outlined(frame)),
          };
        });
      const unseen = [];
      /** Presses Tab until `wanted(focused)` holds, noting every stop without a visible focus. */
      const tabTo = async (wanted, limit = 80) => {
        for (let presses = 0; presses < limit; presses += 1) {
          await page.keyboard.press('Tab');
          const now = await focused();
          if (now === null) continue;
          if (!now.visible || !now.focusVisible) unseen.push(`${now.tag}.${now.classes} "${now.name}"`);
          if (now.tag === 'textarea' && now.classes.includes('code-editor-input')) {
            // Tab indents in the editor; Escape then Tab leaves it.
            await page.keyboard.press('Escape');
          }
          if (wanted(now)) return now;
        }
        throw new Error('Tab never reached the control');
      };

      await tabTo((now) => now.tag === 'button' && now.name.startsWith('你好，世界：'));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();

      await tabTo((now) => now.tag === 'button' && now.classes.includes('check'));
      await page.keyboard.press('Enter');
      const results = page.locator('.grading');
      await results.locator('.summary').waitFor();
      assert.match(await results.textContent(), /得分：\d+ \/ 100/);
      assert.ok((await results.locator('.test').count()) > 0, 'a verdict per test');

      // Space presses a button too: the hint.
      await tabTo((now) => now.tag === 'button' && now.classes.includes('hint'));
      await page.keyboard.press('Space');
      await page.locator('.hint-box').first().waitFor();

      assert.deepEqual(unseen, [], 'every control the keyboard reaches shows a visible focus outline');
    } finally {
      await browser.close();
    }
  });
});
