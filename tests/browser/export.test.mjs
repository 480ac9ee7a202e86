// "Export this work" in the built app, in Debian's Chromium (issue #4): a student names
// themselves, draws a square in a turtle lesson, checks it and exports; the downloaded ZIP holds
// the code as typed, a PNG of the stage at the canvas's size and the result file. Python's
// `zipfile` reads the archive back (an independent reader) and tests every CRC. In a maker lesson,
// whose stage has no canvas, the PNG shows the LED board as lit.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveApp, unlockLessons } from './support.mjs';

const SQUARE = 'let n = int(input());\nfor i in 0..4 { forward(n); left(90); }';

/** Reads `archive` with Python's zipfile: each member's name, UTF-8 flag, size and bytes (base64). */
function readZip(archive) {
  const script = `
import base64, json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    assert archive.testzip() is None
    print(json.dumps([{"name": info.filename, "utf8": bool(info.flag_bits & 0x800),
        "stored": info.compress_type == zipfile.ZIP_STORED,
        "data": base64.b64encode(archive.read(info)).decode()} for info in archive.infolist()]))
`;
  const files = JSON.parse(execFileSync('python3', ['-c', script, archive], { encoding: 'utf8' }));
  return files.map((file) => ({ ...file, data: Buffer.from(file.data, 'base64') }));
}

describe('export this work in Chromium', () => {
  let closeApp;
  let baseUrl;
  let browser;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    await unlockLessons(browser.context, ['turtle-square', 'blink']);
  });

  after(async () => {
    await closeApp?.();
  });

  test('without a name, Export asks for it first and then exports', async () => {
    // An anonymous file would count as a student of its own on the teacher's dashboard (issue #21).
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${baseUrl}#/lesson/turtle-square`);
    await page.getByRole('heading', { name: '海龟画正方形', level: 2 }).waitFor();
    const downloads = [];
    page.on('download', (download) => downloads.push(download));
    await page.getByRole('button', { name: '导出这次的作品' }).click();
    const prompt = page.getByRole('group', { name: '先写上你的名字，老师才知道这是谁的作品。' });
    await prompt.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'export-name', 'the name field has the focus');
    const exportButton = prompt.getByRole('button', { name: '导出这次的作品' });
    assert.equal(await exportButton.isDisabled(), true, 'no export without a name');
    await page.keyboard.type('李雷');
    const download = page.waitForEvent('download');
    await exportButton.click();
    assert.equal((await download).suggestedFilename(), 'turtle-square-李雷.zip');
    await prompt.waitFor({ state: 'detached' });
    assert.equal(downloads.length, 1, 'the first press downloaded nothing');
    // The name is the student's, as if typed on the course page.
    await page.goto(baseUrl);
    assert.equal(await page.getByLabel('姓名').inputValue(), '李雷');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the ZIP holds the typed code, the stage as PNG and the result file', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(baseUrl);
    await page.getByLabel('姓名').fill('王小明');

    // A student who passed the lessons before it opens the turtle lesson by its address.
    await page.goto(`${baseUrl}#/lesson/turtle-square`);
    await page.getByRole('heading', { name: '海龟画正方形', level: 2 }).waitFor();
    const editor = page.getByRole('textbox', { name: '程序', exact: true });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type(SQUARE);
    assert.equal(await editor.inputValue(), SQUARE);
    await page.getByLabel(/^输入/).fill('100');
    await page.getByRole('button', { name: '运行', exact: true }).click();
    await page.getByRole('img', { name: '海龟画布：画了 4 条线' }).waitFor();
    await page.getByRole('button', { name: /检查/ }).click();
    await page.locator('.grading').getByText('全部通过').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出这次的作品/ }).click();
    const folder = await mkdtemp(path.join(tmpdir(), 'sprout-export-'));
    const archive = path.join(folder, 'work.zip');
    const saved = await download;
    assert.equal(saved.suggestedFilename(), 'turtle-square-王小明.zip');
    await saved.saveAs(archive);

    const files = readZip(archive);
    assert.deepEqual(files.map((file) => file.name), ['turtle-square.rhai', 'stage.png', 'result.json']);
    assert.ok(files.every((file) => file.utf8 && file.stored), 'stored, with UTF-8 names');
    const [code, png, result] = files.map((file) => file.data);
    assert.equal(code.toString('utf8'), SQUARE);

    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    const canvas = await page.locator('canvas.turtle').evaluate((element) => [element.width, element.height]);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], canvas);
    // The PNG is the drawing: the browser decodes it to the canvas's own pixels.
    const samePixels = await page.locator('canvas.turtle').evaluate(async (element, base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const copy = new OffscreenCanvas(image.width, image.height);
      copy.getContext('2d').drawImage(image, 0, 0);
      const exported = copy.getContext('2d').getImageData(0, 0, image.width, image.height).data;
      const shown = element.getContext('2d').getImageData(0, 0, element.width, element.height).data;
      return exported.length === shown.length && exported.every((value, index) => value === shown[index]);
    }, png.toString('base64'));
    assert.ok(samePixels, 'the exported PNG has the canvas pixels');

    const resultFile = JSON.parse(result.toString('utf8'));
    assert.equal(resultFile.format, 'sprout-result');
    assert.equal(resultFile.student.name, '王小明');
    const square = resultFile.lessons.find((lesson) => lesson.lesson_id === 'turtle-square');
    assert.equal(square.code, SQUARE);
    assert.equal(square.claimed.score, square.claimed.max_score);

    assert.deepEqual(errors, []);
    await rm(folder, { recursive: true, force: true });
    await page.close();
  });

  test('in a maker lesson the PNG shows the LEDs as lit', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`${baseUrl}#/lesson/blink`);
    await page.locator('.board').waitFor();
    const editor = page.getByRole('textbox', { name: '程序', exact: true });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('led_plot(0, 0);\nled_plot(4, 4);');
    await page.getByRole('button', { name: '运行', exact: true }).click();
    await page.locator('.leds .led[data-brightness="9"]').nth(1).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出这次的作品/ }).click();
    const folder = await mkdtemp(path.join(tmpdir(), 'sprout-export-'));
    const archive = path.join(folder, 'work.zip');
    await (await download).saveAs(archive);
    const png = readZip(archive).find((file) => file.name === 'stage.png').data;
    // Red at the centres of the two lit LEDs (top-left, bottom-right), no red at the middle one.
    const [topLeft, middle, bottomRight] = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const copy = new OffscreenCanvas(image.width, image.height);
      copy.getContext('2d').drawImage(image, 0, 0);
      const cell = image.width / 5;
      const at = (row, column) => [...copy.getContext('2d').getImageData((column + 0.5) * cell, (row + 0.5) * cell, 1, 1).data];
      return [at(0, 0), at(2, 2), at(4, 4)];
    }, png.toString('base64'));
    const reddish = ([red, green, blue]) => red > 150 && green < 100 && blue < 100;
    assert.ok(reddish(topLeft) && reddish(bottomRight), `lit LEDs drawn: ${topLeft} ${bottomRight}`);
    assert.ok(!reddish(middle), `an unlit LED is faint: ${middle}`);

    assert.deepEqual(errors, []);
    await rm(folder, { recursive: true, force: true });
    await page.close();
  });
});
