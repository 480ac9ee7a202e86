// Drives the built student app in Debian's Chromium the way a student would: typing, clicking,
// reading the screen. It serves the trunk output itself (env SPROUT_DIST, default `dist`, relative
// to the repository) on 127.0.0.1, so nothing else needs to run. Build first:
//   PATH=$PWD/node_modules/.bin:$PATH trunk build --release && node --test tests/browser/

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { newTab, repository, serveApp, typeProgram } from './support.mjs';

const artifacts = path.join(repository, 'tests/browser/artifacts');

const STARTS_LONG_RUN = [
  // `loop { }` alone ends in well under a second, by the operation budget; copying a long string
  // in every step keeps the worker busy for minutes instead.
  'let s = "萌";',
  'for i in 0..18 { s += s; }',
  'loop { let t = s + "芽"; }',
].join('\n');

describe('the student app in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;
  let context;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    ({ context } = browser);
  });

  after(async () => {
    await closeApp?.();
  });

  /** Opens the free editor in a new tab (`fresh`: with no saved progress); the tab records page
   * errors and every URL it requests. */
  async function openApp({ fresh = false } = {}) {
    const page = await newTab(context);
    if (fresh) {
      // Progress is kept in the browser; a fresh start forgets what earlier tests typed.
      await page.addInitScript(() => localStorage.clear());
    }
    // The free editor; lessons have their own tests (lessons.test.mjs).
    await page.goto(`${baseUrl}#/play`);
    await page.getByRole('textbox', { name: '程序', exact: true }).waitFor();
    return page;
  }

  async function closeCleanly(page) {
    assert.deepEqual(page.errors, [], 'the page threw');
    await page.close();
  }

  test('prints and draws what the program says', async () => {
    const page = await openApp();
    await typeProgram(page, 'print("你好");\nforward(100);');
    await page.getByRole('button', { name: '运行' }).click();

    const console = page.getByRole('log');
    await console.filter({ hasText: '你好' }).waitFor();
    assert.equal((await console.textContent()).trim(), '你好');
    await page.getByRole('img', { name: '海龟画布：画了 1 条线' }).waitFor();
    await page.getByRole('status').filter({ hasText: '运行结束' }).waitFor();
    const inked = await page.locator('canvas').evaluate((canvas) => {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 1] < 128 && data[i + 2] < 128) count++;
      return count;
    });
    assert.ok(inked >= 100, `a 100-step line leaves at least 100 dark pixels, found ${inked}`);

    const foreign = page.requests.filter((url) => !url.startsWith(baseUrl));
    assert.deepEqual(foreign, [], 'the app loads nothing from elsewhere');
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'run.png'), fullPage: true });
    await closeCleanly(page);
  });

  test('shows where a mistake is and what it is, in Chinese', async () => {
    const page = await openApp();
    await typeProgram(page, 'let total = 1;\nprint(totl);');
    await page.keyboard.press('Control+Enter');

    const alert = page.getByRole('alert');
    await alert.waitFor();
    const words = await alert.textContent();
    assert.match(words, /第 2 行第 7 列：/);
    assert.match(words, /totl/);
    assert.match(words, /total/);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'mistake.png'), fullPage: true });
    await closeCleanly(page);
  });

  test('the editor indents, pairs brackets, undoes and shows a mistake underlined', async () => {
    const page = await openApp();
    const editor = await typeProgram(page, '');
    const value = () => editor.inputValue();

    // An opening bracket brings its partner; Enter between them indents one level.
    await page.keyboard.type('if true {');
    assert.equal(await value(), 'if true {}');
    await page.keyboard.press('Enter');
    assert.equal(await value(), 'if true {\n    \n}');
    // Typing a partner the editor inserted steps over it; quotes pair too.
    await page.keyboard.type('print("萌芽");');
    assert.equal(await value(), 'if true {\n    print("萌芽");\n}');
    // Enter keeps the indentation; Shift+Tab outdents the line, Tab at its start indents it again.
    await page.keyboard.press('Enter');
    await page.keyboard.type('x');
    assert.equal(await value(), 'if true {\n    print("萌芽");\n    x\n}');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await value(), 'if true {\n    print("萌芽");\nx\n}');
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    assert.equal(await value(), 'if true {\n    print("萌芽");\n    x\n}');
    // The editor's edits are on the browser's undo history.
    await page.keyboard.press('Control+Z');
    assert.equal(await value(), 'if true {\n    print("萌芽");\nx\n}');
    await page.keyboard.press('Control+Shift+Z');
    assert.equal(await value(), 'if true {\n    print("萌芽");\n    x\n}');
    // Tab with several lines selected indents them all.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Tab');
    assert.equal(await value(), '    if true {\n        print("萌芽");\n        x\n    }');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await value(), 'if true {\n    print("萌芽");\n    x\n}');

    // Escape, then Tab, leaves the editor for the next control.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), '▶ 运行');

    // Chinese input methods compose as usual; keys that belong to a composition are theirs.
    await typeProgram(page, 'let 名 = ');
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Input.imeSetComposition', { text: 'meng', selectionStart: 4, selectionEnd: 4 });
    await devtools.send('Input.insertText', { text: '萌' });
    assert.equal(await value(), 'let 名 = 萌');
    const composingEnter = { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true };
    const pressEnter = (init) => editor.evaluate((textarea, init) => textarea.dispatchEvent(new KeyboardEvent('keydown', init)), init);
    await pressEnter(composingEnter);
    assert.equal(await value(), 'let 名 = 萌');
    await pressEnter({ ...composingEnter, keyCode: 13, isComposing: false });
    assert.equal(await value(), 'let 名 = 萌\n', 'the same Enter outside a composition is the editor\'s');

    // A mistake is underlined where it is, with its line number marked and its message below.
    await typeProgram(page, 'let total = 1;\nprint(totl);');
    await page.keyboard.press('Control+Enter');
    const underline = page.locator('.code-editor-mistake');
    await underline.waitFor();
    assert.equal(await underline.textContent(), 'totl');
    const lineNumber = page.locator('.code-editor-line-number[data-mistake]');
    assert.equal(await lineNumber.textContent(), '2');
    const [mark, line] = [await underline.boundingBox(), await lineNumber.boundingBox()];
    const middle = (box) => box.y + box.height / 2;
    assert.ok(Math.abs(middle(mark) - middle(line)) < 4, `the underline (${mark.y}) is beside line 2 (${line.y})`);
    assert.equal(await editor.getAttribute('aria-invalid'), 'true');
    const message = page.locator('#editor-message');
    assert.match(await message.textContent(), /第 2 行第 7 列：.*totl/);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'editor.png'), fullPage: true });

    // Editing the program takes the mark away: its place may have moved.
    await editor.press('End');
    await page.keyboard.type(' ');
    assert.equal(await underline.count(), 0);
    await closeCleanly(page);
  });

  test('a program typed key by key as a lesson shows it comes out as shown, and runs', async () => {
    // As a child copies it: each line's text (the editor indents), Enter between lines, and the
    // closing brace typed by hand although the editor already put one below (issue #21).
    const program = [
      'let n = 3;',
      'for i in 1..=n {',
      '    if i % 2 == 0 {',
      '        print(`${i} 是双数`);',
      '    } else {',
      '        print(i);',
      '    }',
      '}',
      'print("数完了！");',
    ];
    const page = await openApp();
    const editor = await typeProgram(page, '');
    for (const [number, line] of program.entries()) {
      if (number > 0) await page.keyboard.press('Enter');
      await page.keyboard.type(line.trimStart());
    }
    assert.equal(await editor.inputValue(), program.join('\n'));
    await page.getByRole('button', { name: '运行' }).click();
    await page.getByRole('log').filter({ hasText: '数完了！' }).waitFor();
    assert.equal((await page.getByRole('log').textContent()).trim(), '1\n2 是双数\n3\n数完了！');
    await closeCleanly(page);
  });

  test('stays responsive during an endless loop, and Stop ends it at once', async () => {
    const page = await openApp();
    const editor = await typeProgram(page, STARTS_LONG_RUN);
    const run = page.getByRole('button', { name: '运行' });
    const stop = page.getByRole('button', { name: '停止' });
    await run.click();
    await page.getByRole('status').filter({ hasText: '正在运行' }).waitFor();
    assert.ok(await run.isDisabled(), 'Run is disabled while running');
    assert.ok(await stop.isEnabled(), 'Stop is enabled while running');

    // The page answers a click on the language switch while the worker is busy: were the program
    // running on the page, the click would wait for it for ever.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sprout', level: 1 }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '萌芽编程' }).waitFor();

    await stop.click();
    await page.getByRole('status').filter({ hasText: '已停止' }).waitFor();
    assert.ok(await run.isEnabled(), 'Run is enabled again after Stop');
    assert.ok(await stop.isDisabled(), 'Stop is disabled after Stop');
    assert.equal(await editor.inputValue(), STARTS_LONG_RUN, 'the program is kept');

    // The fresh worker runs the same program again, and can be stopped again.
    await run.click();
    await page.getByRole('status').filter({ hasText: '正在运行' }).waitFor();
    await stop.click();
    await page.getByRole('status').filter({ hasText: '已停止' }).waitFor();

    await typeProgram(page, 'print("再来一次");');
    await run.click();
    await page.getByRole('log').filter({ hasText: '再来一次' }).waitFor();
    await closeCleanly(page);
  });

  test('speaks English after switching', async () => {
    const page = await openApp({ fresh: true });
    await page.getByRole('button', { name: 'English' }).click();

    await page.getByRole('heading', { name: 'Sprout', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Stop', exact: true }).waitFor();
    await page.getByRole('textbox', { name: 'Program', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Output' }).waitFor();
    assert.equal(await page.title(), 'Sprout');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await page.getByRole('textbox', { name: 'Program', exact: true }).inputValue(), /Hello, Sprout!/);

    await typeProgram(page, 'let total = 1;\nprint(totl);', 'Program');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Line 2, column 7: ' }).waitFor();
    await closeCleanly(page);
  });
});
