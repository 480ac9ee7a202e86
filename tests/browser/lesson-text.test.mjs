// The course's lesson text, loaded per unit, in Debian's Chromium: the first screen carries only the
// course's index, and a lesson's text, hints and tests come from its unit's file (unit-DIGEST.json,
// app/src/course/units.rs) when the lesson opens. A student opens lesson 1 and reads its text and a
// hint; a unit file that cannot be loaded, or that is not the one the app names, shows why in
// Chinese (and in English after switching), with no editor, and the lesson opens once it loads;
// after one visit, a lesson never opened before opens with the server gone (the service worker kept
// the unit files at install).
//
// Needs the release build in SPROUT_DIST (default `dist`): trunk build --release --offline

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium, serve } from '../../scripts/chromium.mjs';
import { unitFile } from '../../scripts/modules.mjs';
import { diagnosed, newTab, repository, serveApp } from './support.mjs';

const UNIT_FILE = /\/unit-[0-9a-f]{16}\.json$/;
const APP_MODULE = /\/app-[0-9a-f]{16}_bg\.wasm$/;
const distribution = path.resolve(repository, process.env.SPROUT_DIST ?? 'dist');

/** Opens the course on `url` in `context`, then lesson 1 (你好，世界) from it. */
async function openFirstLesson(context, url) {
  const page = await newTab(context);
  await page.goto(url);
  await page.getByRole('heading', { name: /课程：/ }).waitFor();
  await page.getByRole('button', { name: /^你好，世界：/ }).click();
  return page;
}

describe('lesson text loaded per unit', () => {
  let closeApp;
  let baseUrl;
  let browser;

  before(async () => {
    ({ baseUrl, browser, close: closeApp } = await serveApp());
  });

  after(async () => {
    await closeApp?.();
  });

  test("opening a lesson loads its unit's file and shows its text and hints", async () => {
    const page = await openFirstLesson(browser.context, baseUrl);
    await diagnosed(page, 'lesson-text', async () => {
      await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
      await page.getByText('学编程的第一件事，就是让电脑“说话”：在屏幕上打印一行文字。').waitFor();
      await page.getByRole('button', { name: '提示', exact: true }).click();
      await page.getByText('每一行文字用一句').waitFor();
      // Lesson 1's unit, and no other: the home page needed none.
      const units = page.requests.filter((url) => UNIT_FILE.test(url));
      assert.equal(new Set(units).size, 1, `one unit file: ${units}`);
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });
});

describe('a unit file that does not load', () => {
  let server;
  let browser;

  before(async () => {
    server = await serve(distribution);
    // No service worker: it would answer from its cache, which the test cannot make fail.
    browser = await launchChromium({ serviceWorkers: 'block' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('shows why in Chinese and English, and the lesson once it loads', async () => {
    let answer = (route) => route.abort('internetdisconnected');
    await browser.context.route(UNIT_FILE, (route) => answer(route));
    const page = await openFirstLesson(browser.context, server.url);
    await diagnosed(page, 'lesson-text-fails', async () => {
      const alert = page.getByRole('alert');
      await alert.filter({ hasText: '《你好，世界》的课文没有加载成功。请检查网络连接，再试一次。' }).waitFor();
      assert.equal(await page.getByRole('textbox', { name: '程序', exact: true }).count(), 0, 'no editor without the lesson');
      assert.equal(await page.getByRole('heading', { name: '你好，世界', level: 2 }).count(), 0);
      await page.getByRole('button', { name: 'English' }).click();
      await alert.filter({ hasText: 'The text of “Hello, world” could not be loaded. Check the network connection and try again.' }).waitFor();
      await page.getByRole('button', { name: '中文' }).click();

      // A file that is not the unit's (another build's, a proxy's error page): refused, never shown.
      answer = (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"content_hash":"sha256:0"}' });
      await page.getByRole('button', { name: '再试一次' }).click();
      await alert.filter({ hasText: '《你好，世界》的课文和这个版本的萌芽编程对不上。请刷新页面，再试一次。' }).waitFor();

      answer = (route) => route.fallback();
      await page.getByRole('button', { name: '再试一次' }).click();
      await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
      await page.getByText('学编程的第一件事，就是让电脑“说话”：在屏幕上打印一行文字。').waitFor();
      await page.getByRole('textbox', { name: '程序', exact: true }).waitFor();
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });
});

describe('lesson text offline', () => {
  let server;
  let browser;

  before(async () => {
    server = await serve(distribution);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a lesson never opened online opens after one visit with the server gone', async () => {
    const page = await newTab(browser.context);
    // The visit is over once the page and its script worker have each loaded the app's module: the
    // worker starts before the service worker takes the page over, so its module comes from the
    // network, and a server gone before then would fail it (a worker's error is the page's).
    const modulesLoaded = new Promise((resolve) => {
      let loaded = 0;
      page.on('requestfinished', (request) => {
        if (APP_MODULE.test(request.url()) && !request.serviceWorker() && ++loaded === 2) resolve();
      });
    });
    await page.goto(server.url);
    await diagnosed(page, 'lesson-text-offline', async () => {
      await page.getByRole('heading', { name: /课程：/ }).waitFor();
      await modulesLoaded;
      // The service worker has installed (every file of the build cached) and controls the page.
      const cached = await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
        const kept = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) kept.push(new URL(request.url).pathname.slice(1));
        }
        return kept;
      });
      const units = (await readdir(distribution)).filter((name) => unitFile.test(name));
      assert.ok(units.length > 1, `the build has the unit files: ${units}`);
      assert.deepEqual(cached.filter((name) => unitFile.test(name)).sort(), units.sort(), 'every unit file is kept at install');
      assert.equal(page.requests.filter((url) => UNIT_FILE.test(url)).length, 0, 'the home page loaded no unit');
      await server.close();
      await assert.rejects(fetch(server.url), 'the server is gone');
      await page.reload();
      await page.getByRole('button', { name: /^你好，世界：/ }).click();
      await page.getByRole('heading', { name: '你好，世界', level: 2 }).waitFor();
      await page.getByText('学编程的第一件事，就是让电脑“说话”：在屏幕上打印一行文字。').waitFor();
      assert.deepEqual(page.errors, []);
    });
    await page.close();
  });
});
