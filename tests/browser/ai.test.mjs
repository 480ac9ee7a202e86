// The AI side of the student app (issue #5) in Debian's Chromium, used as a student would:
// - a program that calls the AI functions runs: the vector functions in the first screen's script
//   worker, datasets and models with the AI module's backend, which that worker loads beside its
//   engine only then (the page's requests prove it); Stop ends it, and a model runs in the browser;
// - in a browser without wasm SIMD (hidden from the page), the AI module's build without SIMD is
//   loaded in its place and an AI lesson still runs;
// - the drawing pad recognises digits drawn with the mouse (the strokes in strokes/digits.json);
// - a lesson with `tool = "digit_pad"` shows the pad, and it is drawn on with the keyboard alone;
// - the model lab learns circles from crosses drawn with the mouse (strokes/shapes.json), with at
//   least 90% right on held-out drawings, and a program then uses it through my_model();
// - the model lab learns two things shown to a camera the test controls (a canvas stream in place
//   of getUserMedia, showing a red ball or a blue book that move from frame to frame), with at
//   least 90% right on held-out photos; the 13.5 MB image feature extractor is downloaded only
//   when the camera is turned on; a refused camera is said so;
// - axe finds no serious or critical violation on the AI lab, in both themes.
//
// Needs the release build in SPROUT_DIST (default `dist`): trunk build --release --offline

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnosed, fakeCamera, launch, newTab, repository, serveApp, seriousViolations, unlockLessons } from './support.mjs';

/** The AI module's files: its loader and the hashed glue and wasm. */
const AI_MODULE = /\/ai(-[0-9a-f]{16}(_bg\.wasm|\.js)|\.js)$/;

const strokes = async (name) => JSON.parse(await readFile(path.join(repository, 'tests/browser/strokes', name), 'utf8')).drawings;

/** Draws `drawing` (polylines in a unit square) on `canvas` with the mouse, stroke by stroke. */
async function draw(page, canvas, drawing) {
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  for (const stroke of drawing.strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const point of stroke.slice(1)) await page.mouse.move(...at(point), { steps: 2 });
    await page.mouse.up();
  }
}

/**
 * Waits until the camera's picture on the page shows `scene` (the fake camera's ball on a green
 * background, or book on a grey one) in a frame other than `previous`; returns that frame's
 * signature.
 */
async function cameraFrame(page, scene, previous) {
  const found = await page.waitForFunction(
    ([scene, previous]) => {
      const video = document.querySelector('video.camera-view');
      if (!video || video.readyState < 2) return null;
      const canvas = (window.cameraProbe ??= Object.assign(document.createElement('canvas'), { width: 32, height: 24 }));
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.drawImage(video, 0, 0, 32, 24);
      const pixels = context.getImageData(0, 0, 32, 24).data;
      // The top-left corner is background: green (blue well below red) for the ball, grey for the book.
      const shown = pixels[2] < pixels[0] - 12 ? 'ball' : 'book';
      const signature = Array.from(pixels.filter((_, index) => index % 4 === 0)).join(',');
      return shown === scene && signature !== previous ? signature : null;
    },
    [scene, previous],
  );
  return found.jsonValue();
}

/** Waits until the tool in `section` shows its answer for the drawing on screen; its top class. */
async function answer(section) {
  await section.locator('xpath=self::*[@data-changes = @data-shown and @data-changes != "0"]').waitFor();
  return (await section.locator('.top-class').textContent()).trim();
}

describe('AI in the student app', () => {
  let closeApp;
  let baseUrl;
  let context;

  before(async () => {
    let browser;
    ({ baseUrl, browser, close: closeApp } = await serveApp());
    ({ context } = browser);
  });

  after(async () => {
    await closeApp?.();
  });

  /**
   * A new tab on `hash`, recording errors, console and requests: in the shared browser with no
   * saved progress or model, or in `ownContext` (a fresh profile of the test's own) as it is.
   */
  async function open(hash, ownContext) {
    const page = await newTab(ownContext ?? context);
    if (!ownContext) {
      await page.addInitScript(() => {
        if (!sessionStorage.getItem('sprout-test-started')) {
          localStorage.clear();
          sessionStorage.setItem('sprout-test-started', '1');
        }
      });
    }
    await page.goto(`${baseUrl}${hash}`);
    return page;
  }

  async function run(page, program, expected) {
    const editor = page.locator('textarea#editor');
    await editor.fill(program);
    await page.getByRole('button', { name: '运行' }).click();
    const console = page.getByRole('log');
    await console.filter({ hasText: expected }).waitFor();
    return (await console.textContent()).trim();
  }

  test('an AI program runs in the script worker, with the AI module loaded only for a model', { timeout: 180_000 }, async () => {
    const page = await open('#/play');
    await diagnosed(page, 'ai-program', async () => {
      await page.locator('textarea#editor').waitFor();
      assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'the first screen loads no AI module');

      // The vector `dot` is in every build: the first screen's worker runs it.
      assert.equal(await run(page, 'print(dot([1, 2], [3, 4]));', '11'), '11.0');
      assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'dot needs no AI module');

      // So do the vector functions of the AI area, with no AI module either.
      assert.equal(await run(page, 'print(mean([1, 2, 3, 4]));', '2.5'), '2.5');
      assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'mean needs no AI module');

      // A model needs the AI module's backend: the script worker loads it beside its engine.
      assert.equal(await run(page, 'print(model("iris").labels.len());', '3'), '3');
      assert.ok(page.requests.some((url) => url.endsWith('/ai.js')), 'the AI module was loaded for model()');
      assert.ok(page.requests.some((url) => /\/ai-[0-9a-f]{16}_bg\.wasm$/.test(url)));

      // The digits model, in the browser: a vertical stroke is a one.
      const one = [
        'let m = model("digits");',
        'let image = [];',
        'for row in 0..28 {',
        '    let line = [];',
        '    for column in 0..28 { line.push(if column >= 13 && column <= 15 && row >= 4 && row <= 23 { 1.0 } else { 0.0 }); }',
        '    image.push(line);',
        '}',
        'let best = m.top(image, 1)[0];',
        'print(`${m.labels.len()} ${best.label}`);',
      ].join('\n');
      assert.equal(await run(page, one, '10 '), '10 1');

      // Stop ends a long AI program at once, and the next one runs in a fresh script worker, which
      // loads the AI module again.
      const editor = page.locator('textarea#editor');
      await editor.fill('let s = "萌";\nfor i in 0..18 { s += s; }\nprint(model("iris").labels.len());\nloop { let t = s + "芽"; }');
      await page.getByRole('button', { name: '运行' }).click();
      await page.getByRole('status').filter({ hasText: '正在运行' }).waitFor();
      await page.getByRole('button', { name: '停止' }).click();
      await page.getByRole('status').filter({ hasText: '已停止' }).waitFor();
      assert.equal(await run(page, 'print(`${mean([4, 6])} ${model("iris").labels.len()}`);', '5.0 3'), '5.0 3');
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });

  test('without wasm SIMD an AI lesson runs and passes with the AI module built without SIMD', { timeout: 180_000 }, async () => {
    const student = await launch();
    try {
      await unlockLessons(student.context, ['ai-classifier']);
      const page = await newTab(student.context);
      // The browser validates no SIMD code: the page's feature detection (a tiny module with a
      // SIMD instruction, as the wasm-feature-detect package's) finds none.
      await page.addInitScript(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (source) => {
          const bytes = ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
          return bytes.includes(0xfd) ? false : validate(source);
        };
      });
      await page.goto(`${baseUrl}#/lesson/ai-classifier`);
      await diagnosed(page, 'ai-nosimd', async () => {
        await page.locator('.lesson-text').waitFor();
        const lesson = await readFile(path.join(repository, 'lessons/content/ai/ai-classifier.md'), 'utf8');
        const solution = lesson.match(/```rhai solution\n([\s\S]*?)```/)[1];
        assert.equal(await run(page, solution, '一共 150 朵'), '规则分对了 144 朵，一共 150 朵');
        await page.getByRole('button', { name: /检查/ }).click();
        await page.locator('.grading').getByText('全部通过').waitFor();
        assert.ok(page.requests.some((url) => url.endsWith('/ai-nosimd.js')), 'the build without SIMD was loaded');
        assert.ok(page.requests.some((url) => /\/ai-nosimd-[0-9a-f]{16}_bg\.wasm$/.test(url)));
        assert.deepEqual(page.requests.filter((url) => AI_MODULE.test(url)), [], 'the build with SIMD was not');
        assert.deepEqual(page.errors, [], 'the page threw');
      });
      await page.close();
    } finally {
      await student.close();
    }
  });

  test('the drawing pad recognises digits drawn with the mouse', { timeout: 180_000 }, async () => {
    const page = await open('#/');
    await diagnosed(page, 'ai-pad', async () => {
      await page.getByRole('button', { name: 'AI 实验室' }).click();
      const pad = page.locator('section.digit-pad');
      const canvas = pad.getByRole('application');
      await canvas.waitFor();
      const results = [];
      for (const drawing of await strokes('digits.json')) {
        await pad.getByRole('button', { name: '清空', exact: true }).click();
        await draw(page, canvas, drawing);
        results.push([drawing.label, await answer(pad)]);
      }
      const wrong = results.filter(([label, said]) => !new RegExp(`^最可能是 ${label}（\\d+%）$`).test(said));
      assert.deepEqual(wrong, [], `drawings the pad got wrong (drawn, said), of ${results.length}`);
      // The picture the model saw has ink.
      const inked = await pad.locator('.preview canvas').evaluate((canvas) => {
        const data = canvas.getContext('2d').getImageData(0, 0, 28, 28).data;
        return data.some((value, index) => index % 4 === 0 && value < 128);
      });
      assert.ok(inked, 'the 28×28 picture shows the drawing');
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });

  test('a lesson shows its drawing pad, and a student draws on it with the keyboard alone', { timeout: 180_000 }, async () => {
    const student = await launch();
    try {
      await unlockLessons(student.context, ['ai-digits-model']);
      const page = await open('#/lesson/ai-digits-model', student.context);
      await diagnosed(page, 'ai-lesson-keyboard', async () => {
        await page.locator('.lesson-text').waitFor();
        const pad = page.locator('section.digit-pad');
        const canvas = pad.getByRole('application');
        await canvas.waitFor();
        // Tab to the pad, as a student without a mouse would.
        const focused = () => canvas.evaluate((element) => element === document.activeElement);
        // Tab indents in the code editor: Escape first leaves it, as the hint under it says.
        const tabToPad = async (key) => {
          for (let presses = 0; presses < 80 && !(await focused()); presses += 1) {
            if (await page.evaluate(() => document.activeElement?.id === 'editor')) await page.keyboard.press('Escape');
            await page.keyboard.press(key);
          }
          assert.ok(await focused(), `the pad can be reached with ${key}`);
        };
        await tabToPad('Tab');
        const press = async (key, times = 1) => {
          for (let time = 0; time < times; time += 1) await page.keyboard.press(key);
        };
        // From the middle: up with the pen lifted, Space lowers it, down draws a long upright
        // stroke, Space lifts it.
        await press('ArrowUp', 9);
        await press('Space');
        await press('ArrowDown', 18);
        await press('Space');
        assert.match(await answer(pad), /^最可能是 1（\d+%）$/);

        // The bars are a list a screen reader reads out, one item per digit.
        const bars = pad.getByRole('list', { name: '模型认为是……' });
        assert.equal(await bars.getByRole('listitem').count(), 10);
        await pad.getByRole('button', { name: '清空', exact: true }).focus();
        await page.keyboard.press('Enter');
        await tabToPad('Shift+Tab');
        // A box drawn with the arrows: a zero.
        await press('ArrowUp', 9);
        await press('ArrowLeft', 6);
        await press('Space');
        await press('ArrowRight', 12);
        await press('ArrowDown', 18);
        await press('ArrowLeft', 12);
        await press('ArrowUp', 18);
        await press('Space');
        assert.match(await answer(pad), /^最可能是 0（\d+%）$/);
        assert.deepEqual(page.errors, [], 'the page threw');
      });
    } finally {
      await student.close();
    }
  });

  test('the model lab learns circles from crosses, and a program uses it', { timeout: 300_000 }, async () => {
    const page = await open('#/lab');
    await diagnosed(page, 'ai-lab', async () => {
      const lab = page.locator('section.model-lab');
      const canvas = lab.getByRole('application');
      await canvas.waitFor();
      await lab.getByLabel('第 1 类的名字').fill('圆');
      await lab.getByLabel('第 2 类的名字').fill('叉');

      const shapes = await strokes('shapes.json');
      const names = { circle: '圆', cross: '叉' };
      const training = shapes.slice(0, 16);
      const heldOut = shapes.slice(16);
      for (const drawing of training) {
        await draw(page, canvas, drawing);
        await lab.getByRole('button', { name: `加到“${names[drawing.label]}”` }).click();
      }
      assert.equal(await lab.locator('.example-count').allTextContents().then((counts) => counts.join(' ')), '8 个例子 8 个例子');

      await lab.getByRole('button', { name: '训练', exact: true }).click();
      const accuracy = await lab.locator('.accuracy').textContent();
      const percent = Number(accuracy.match(/(\d+)%/)[1]);
      assert.ok(percent >= 90, `held-out accuracy in the lab: ${accuracy}`);
      const table = lab.getByRole('table', { name: /混淆矩阵/ });
      await table.waitFor();
      assert.equal(await table.getByRole('columnheader').count(), 3);

      // Drawings the lab never saw.
      const test = lab.locator('section.lab-test');
      let right = 0;
      for (const drawing of heldOut) {
        await lab.getByRole('button', { name: '清空', exact: true }).click();
        await draw(page, canvas, drawing);
        const said = await answer(test);
        if (said.startsWith(`最可能是 ${names[drawing.label]}`)) right += 1;
      }
      assert.ok(right / heldOut.length >= 0.9, `${right} of ${heldOut.length} held-out drawings right`);
      assert.match(await lab.locator('.lab-results').textContent(), /模型已保存/);

      for (const contrast of [false, true]) {
        if (contrast) {
          await page.getByRole('button', { name: '高对比度' }).click();
          await page.locator('html.high-contrast').waitFor();
        }
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], `axe on the AI lab${contrast ? ' (high contrast)' : ''}:\n${violations.join('\n')}`);
      }

      // The trained model, from a program.
      await page.getByRole('button', { name: /返回/ }).first().click();
      await page.getByRole('button', { name: '自由编程' }).click();
      await page.locator('textarea#editor').waitFor();
      const output = await run(page, 'let m = my_model();\nprint(m.labels);\nprint(m.classify(m.examples[0].image));', '圆');
      assert.match(output, /^\["圆", "叉"\]\n0$/);
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });

  test('the model lab learns from a camera, downloading its image model only then', { timeout: 300_000 }, async () => {
    const refused = await open('#/lab');
    await refused.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
    });
    await refused.reload();
    const refusedLab = refused.locator('section.model-lab');
    await refusedLab.getByLabel('摄像头').check();
    await refusedLab.getByRole('button', { name: '打开摄像头' }).click();
    await refusedLab.getByRole('alert').filter({ hasText: '不能用摄像头' }).waitFor();
    await refused.close();

    const page = await open('#/lab');
    await fakeCamera(page);
    await page.reload();
    await diagnosed(page, 'ai-lab-camera', async () => {
      const lab = page.locator('section.model-lab');
      await lab.getByLabel('摄像头').check();
      await lab.getByLabel('第 1 类的名字').fill('球');
      await lab.getByLabel('第 2 类的名字').fill('书');
      const extractor = () => page.requests.filter((url) => url.endsWith('/image_features.nnef.tar'));
      assert.deepEqual(extractor(), [], 'the image model waits for the camera');
      await lab.getByRole('button', { name: '打开摄像头' }).click();
      await lab.getByRole('button', { name: '关闭摄像头' }).waitFor();
      assert.equal(extractor().length, 1, 'the image model is downloaded when the camera is turned on');

      const names = { ball: '球', book: '书' };
      let frame = null;
      for (const scene of ['ball', 'book']) {
        await page.evaluate((scene) => (window.cameraScene = scene), scene);
        const add = lab.getByRole('button', { name: `拍一张加到“${names[scene]}”` });
        for (let photo = 1; photo <= 10; photo += 1) {
          // Each photo is of a new frame of this scene, as a student would move the ball or the book.
          frame = await cameraFrame(page, scene, frame);
          await add.click({ timeout: 120_000 });
          await lab.locator('.example-count').nth(scene === 'ball' ? 0 : 1).filter({ hasText: `${photo} 个例子` }).waitFor({ timeout: 60_000 });
        }
      }
      await lab.getByRole('button', { name: '训练', exact: true }).click();
      const accuracy = await lab.locator('.accuracy').textContent();
      assert.ok(Number(accuracy.match(/(\d+)%/)[1]) >= 90, `held-out accuracy in the lab: ${accuracy}`);

      // The live test follows what the camera shows.
      const test = lab.locator('section.lab-test');
      for (const scene of ['book', 'ball', 'book']) {
        await page.evaluate((scene) => (window.cameraScene = scene), scene);
        await test.locator('.top-class').filter({ hasText: `最可能是 ${names[scene]}` }).waitFor({ timeout: 60_000 });
      }
      const violations = await seriousViolations(page);
      assert.deepEqual(violations, [], `axe on the AI lab with the camera:\n${violations.join('\n')}`);

      // A program gets the camera model's examples as features.
      await page.getByRole('button', { name: /返回/ }).first().click();
      await page.getByRole('button', { name: '自由编程' }).click();
      await page.locator('textarea#editor').waitFor();
      const program = 'let m = my_model();\nprint(m.examples[0].features.len());\nprint(m.classify(m.examples[19].features));';
      assert.equal(await run(page, program, '1280'), '1280\n1');
      assert.deepEqual(page.errors, [], 'the page threw');
    });
    await page.close();
  });
});
