// The stage in the built app, in Debian's Chromium (issue #4), used as a student would: a program
// that sleeps prints line by line at its own speed, faster at 4× and all at once with "skip to the
// end", and Stop freezes it; a chart names its data for screen readers and follows the
// high-contrast theme; maker programs react while they play to a real mouse press on button A, to
// Space held on it, to clicks in the button-counter lesson and to the temperature slider in the
// temperature-alarm lesson. Needs the release build in SPROUT_DIST (default `dist`):
//   trunk build --release --offline && node --test tests/browser/stage.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { installClock, launch, newTab, pauseClock, repository, serveApp, unlockLessons } from './support.mjs';

const artifacts = path.join(repository, 'tests/browser/artifacts');

// Six lines, one a second: about six seconds at 1×.
const COUNTING = 'for i in 1..=6 {\n    print(`第 ${i} 行`);\n    sleep(1000);\n}';
// Lights the whole matrix while A is held, and looks again every 50 ms, for ever.
const HOLD_A = [
  'loop {',
  '    if button_pressed("A") {',
  '        show_leds("##### ##### ##### ##### #####");',
  '    } else {',
  '        led_clear();',
  '    }',
  '    sleep(50);',
  '}',
].join('\n');
// The reference solutions of two maker lessons (lessons/content/maker/).
const BUTTON_COUNTER = [
  'let 次数 = 0;',
  'on_button("A", || {',
  '    if 次数 < 25 {',
  '        led_plot(次数 % 5, 次数 / 5);',
  '        次数 += 1;',
  '    }',
  '});',
  'on_button("B", || {',
  '    次数 = 0;',
  '    led_clear();',
  '});',
].join('\n');
const TEMPERATURE_ALARM = [
  'let 笑脸 = "..... .#.#. ..... #...# .###.";',
  'let 感叹号 = "..#.. ..#.. ..#.. ..... ..#..";',
  'let 在报警 = false;',
  'loop {',
  '    let 温度 = temperature();',
  '    if 温度 > 30 {',
  '        show_leds(感叹号);',
  '        if !在报警 {',
  '            print(`警报：${温度} 度`);',
  '            在报警 = true;',
  '        }',
  '    } else {',
  '        show_leds(笑脸);',
  '        if 在报警 {',
  '            print(`恢复正常：${温度} 度`);',
  '            在报警 = false;',
  '        }',
  '    }',
  '    sleep(500);',
  '}',
].join('\n');

describe('the stage in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    await unlockLessons(browser.context, ['line-chart', 'button-counter', 'temperature-alarm']);
  });

  after(async () => {
    await closeApp?.();
  });

  /** Opens `hash` (the free editor by default) in a new tab that records page errors. */
  async function open(hash = '#/play') {
    const page = await newTab(browser.context);
    await page.goto(`${baseUrl}${hash}`);
    await page.getByRole('textbox', { name: '程序', exact: true }).waitFor();
    return page;
  }

  /** Puts `program` into the editor (the editor's own typing is tested in app.test.mjs). */
  async function setProgram(page, program) {
    const editor = page.getByRole('textbox', { name: '程序', exact: true });
    await editor.fill(program);
    assert.equal(await editor.inputValue(), program);
  }

  const run = (page) => page.getByRole('button', { name: '运行', exact: true });
  const stop = (page) => page.getByRole('button', { name: '停止', exact: true });
  const output = (page) => page.getByRole('log');
  const status = (page) => page.getByRole('status');
  /** The LED matrix, by the number of lights its description says are on. */
  const leds = (page, count) => page.getByRole('img', { name: `LED 点阵：${count} 个灯亮着` });

  async function closeCleanly(page) {
    assert.deepEqual(page.errors, [], 'the page threw');
    await page.close();
  }

  test('a program that sleeps plays line by line; 4× is faster, skipping shows the end, Stop freezes it', async (t) => {
    // A browser of its own: Playwright's clock is its context's, and once paused it would stop
    // the other tests' pages too.
    const own = await launch();
    t.after(() => own.close());
    const page = await newTab(own.context);
    await installClock(page);
    await page.goto(`${baseUrl}#/play`);
    await page.getByRole('textbox', { name: '程序', exact: true }).waitFor();
    await pauseClock(page);
    await setProgram(page, COUNTING);
    await run(page).click();
    await status(page).filter({ hasText: '正在播放' }).waitFor();
    await page.clock.runFor(100);
    await output(page).filter({ hasText: '第 1 行' }).waitFor();
    // At 1× the second line is a second away.
    assert.doesNotMatch(await output(page).textContent(), /第 2 行/, 'only the start is shown');
    assert.ok(await run(page).isEnabled(), 'Run works while playing');
    assert.ok(await stop(page).isEnabled(), 'Stop works while playing');
    await page.clock.runFor(1000);
    await output(page).filter({ hasText: '第 2 行' }).waitFor();
    assert.doesNotMatch(await output(page).textContent(), /第 3 行/, 'a second, a line');

    const faster = page.getByRole('button', { name: '4 倍速' });
    await faster.click();
    assert.equal(await faster.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('button', { name: '1 倍速' }).getAttribute('aria-pressed'), 'false');
    // A quarter of a second at 4× is a second of the program's: the third line.
    await page.clock.runFor(250);
    await output(page).filter({ hasText: '第 3 行' }).waitFor();
    assert.doesNotMatch(await output(page).textContent(), /第 4 行/, 'four times as fast, not more');

    await page.getByRole('button', { name: '直接看结果' }).click();
    await page.clock.runFor(100);
    await status(page).filter({ hasText: '运行结束' }).waitFor();
    assert.equal((await output(page).textContent()).trim().split('\n').length, 6);
    assert.equal(await page.locator('.playback-time').textContent(), '6.0 秒 / 6.0 秒');

    // The speed stays chosen: back to 1×, run again and stop half-way.
    await page.getByRole('button', { name: '1 倍速' }).click();
    await run(page).click();
    await status(page).filter({ hasText: '正在播放' }).waitFor();
    await page.clock.runFor(1100);
    await output(page).filter({ hasText: '第 2 行' }).waitFor();
    await stop(page).click();
    await status(page).filter({ hasText: '已停止' }).waitFor();
    await page.clock.runFor(5000);
    assert.doesNotMatch(await output(page).textContent(), /第 3 行/, 'Stop keeps what was shown, and nothing more');
    assert.ok(await run(page).isEnabled(), 'Run works after Stop');
    assert.ok(await stop(page).isDisabled(), 'nothing left to stop');
    await closeCleanly(page);
  });

  test('a chart names its data for screen readers and follows the high-contrast theme', async () => {
    const page = await open();
    await setProgram(page, 'bar(["苹果", "香蕉", "橙子"], [12, 7, 9]);');
    await run(page).click();
    const chart = page.getByRole('img', { name: '柱状图，3 根柱子：苹果 12、香蕉 7、橙子 9' });
    await chart.waitFor();
    const table = page.getByRole('table', { name: '图表 1 的数据' });
    assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['名称', '数值']);
    assert.deepEqual(await table.getByRole('cell').allTextContents(), ['苹果', '12', '香蕉', '7', '橙子', '9']);
    // The free editor shows the panels the run used: the chart, no turtle canvas.
    assert.equal(await page.locator('canvas.turtle').count(), 0);

    /** Pixels of the chart that are blue (the bars) and black (bars in high contrast, text). */
    const colours = () =>
      chart.evaluate((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let blue = 0;
        let black = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] === 0x1a && data[i + 1] === 0x5f && data[i + 2] === 0xb4) blue += 1;
          if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 0) black += 1;
        }
        return { blue, black };
      });
    const normal = await colours();
    assert.ok(normal.blue > 10_000, `blue bars: ${JSON.stringify(normal)}`);
    await page.getByRole('button', { name: '高对比度' }).click();
    await page.locator('html.high-contrast').waitFor();
    const contrast = await colours();
    assert.equal(contrast.blue, 0, 'no blue left in high contrast');
    assert.ok(contrast.black > normal.blue, `black bars: ${JSON.stringify(contrast)}`);
    await page.getByRole('button', { name: '高对比度' }).click();

    // A data lesson shows its chart panel before anything runs.
    await page.goto(`${baseUrl}#/lesson/line-chart`);
    await page.getByRole('heading', { name: '图表', level: 2 }).waitFor();
    assert.equal(await page.locator('canvas.turtle').count(), 0);
    await closeCleanly(page);
  });

  test('a maker program reacts to button A held with the mouse and with Space while it plays', async () => {
    const page = await open();
    // The free editor shows the board once a program uses it.
    assert.equal(await page.locator('.board').count(), 0);
    const buttonA = page.getByRole('button', { name: '按钮 A' });
    await setProgram(page, HOLD_A);
    await run(page).click();
    await status(page).filter({ hasText: '正在播放' }).waitFor();
    await leds(page, 0).waitFor();

    // By keyboard: Tab from the board's heading reaches A, with its focus outlined.
    await page.getByRole('heading', { name: '创客板', level: 2 }).click();
    await page.keyboard.press('Tab');
    const focus = await buttonA.evaluate((button) => ({
      focused: button === document.activeElement && button.matches(':focus-visible'),
      outlined: getComputedStyle(button).outlineStyle !== 'none' && parseFloat(getComputedStyle(button).outlineWidth) > 0,
    }));
    assert.deepEqual(focus, { focused: true, outlined: true });
    await page.keyboard.down(' ');
    await leds(page, 25).waitFor();
    await page.keyboard.up(' ');
    await leds(page, 0).waitFor();
    await page.keyboard.down('Enter');
    await leds(page, 25).waitFor();
    await page.keyboard.up('Enter');
    await leds(page, 0).waitFor();

    // With the mouse held down on A.
    await buttonA.hover();
    await page.mouse.down();
    await leds(page, 25).waitFor();
    assert.match(await buttonA.getAttribute('class'), /\bheld\b/);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'board.png'), fullPage: true });
    await page.mouse.up();
    await leds(page, 0).waitFor();

    await stop(page).click();
    await status(page).filter({ hasText: '已停止' }).waitFor();
    assert.ok(await buttonA.isDisabled(), 'the board is off after Stop');
    await closeCleanly(page);
  });

  test('the button-counter lesson counts clicks on A and clears on B while it plays', async () => {
    const page = await open('#/lesson/button-counter');
    await page.getByRole('heading', { name: '按钮计数器', level: 2 }).waitFor();
    // A maker lesson shows the board, not the turtle canvas.
    await page.getByRole('heading', { name: '创客板', level: 2 }).waitFor();
    assert.equal(await page.locator('canvas.turtle').count(), 0);
    await setProgram(page, BUTTON_COUNTER);
    await run(page).click();
    // Its top level ends at once, but its button handlers keep it going.
    await status(page).filter({ hasText: '正在播放' }).waitFor();

    const buttonA = page.getByRole('button', { name: '按钮 A' });
    for (let clicks = 1; clicks <= 3; clicks += 1) {
      await buttonA.click();
      await leds(page, clicks).waitFor();
    }
    await page.getByRole('button', { name: '按钮 B' }).click();
    await leds(page, 0).waitFor();
    await buttonA.click();
    await leds(page, 1).waitFor();
    await closeCleanly(page);
  });

  test('the temperature slider reaches the temperature-alarm lesson while it plays', async () => {
    const page = await open('#/lesson/temperature-alarm');
    await page.getByRole('heading', { name: '温度报警器', level: 2 }).waitFor();
    await setProgram(page, TEMPERATURE_ALARM);
    await run(page).click();
    // The smiley (7 lights) at the default 20 °C.
    await leds(page, 7).waitFor();

    const slider = page.getByRole('slider', { name: '温度（°C）' });
    await slider.fill('35');
    await output(page).filter({ hasText: '警报：35 度' }).waitFor();
    // The exclamation mark (4 lights).
    await leds(page, 4).waitFor();
    await slider.fill('25');
    await output(page).filter({ hasText: '恢复正常：25 度' }).waitFor();
    await leds(page, 7).waitFor();

    // The keyboard moves the slider too.
    await slider.focus();
    await page.keyboard.press('End');
    assert.equal(await slider.inputValue(), '125');
    await output(page).filter({ hasText: '警报：125 度' }).waitFor();
    assert.equal(
      (await output(page).textContent()).trim(),
      '警报：35 度\n恢复正常：25 度\n警报：125 度',
      'each change printed once, in order',
    );
    await closeCleanly(page);
  });
});
