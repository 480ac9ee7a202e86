// The one file a teacher carries (issue #16): `sprout` built with the app inside it
// (`cargo build -p sprout-cli --features embedded-app`, copied to target/sprout-with-app by
// scripts/test.sh before the browser tests; scripts/teacher-binary.sh for the release build),
// started in an empty folder with no `--app`, serves a working app: a program runs in the script worker, an AI program loads the AI
// module, and the class dashboard loads the classroom module, all under the server's
// Content-Security-Policy, with nothing refused and nothing loaded from anywhere else.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClassroomServer } from './classroom-server.mjs';
import { diagnosed, launch, newTab } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await startClassroomServer({ builtInApp: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the program with the app inside serves it from an empty folder, under its security policy', { timeout: 180_000 }, async () => {
  const response = await fetch(`${server.url}/`);
  assert.equal(response.status, 200, 'the built-in page is served (was the program built with --features embedded-app?)');
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  const page = await newTab(browser.context);
  await diagnosed(page, 'server-binary', async () => {
    await page.goto(`${server.url}/#/play`);
    const editor = page.getByRole('textbox', { name: '程序', exact: true, disabled: false });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type('print(`${mean([1, 2, 3])} ${model("iris").labels.len()}`);');
    await page.getByRole('button', { name: '运行' }).click();
    await page.getByRole('log').filter({ hasText: '2.0 3' }).waitFor({ timeout: 120_000 });
    await page.goto(`${server.url}/#/class`);
    await page.getByRole('heading', { name: '成绩文件' }).waitFor({ timeout: 60_000 });
    const refused = page.messages.filter((message) => /Content Security Policy|Refused to/i.test(message));
    assert.deepEqual(refused, [], 'nothing was refused by the security policy');
    const elsewhere = page.requests.filter((url) => !url.startsWith(server.url) && !/^(blob|data):/.test(url));
    assert.deepEqual(elsewhere, [], 'the page loads nothing from anywhere else');
    assert.deepEqual(page.errors, [], 'the page threw');
  });
  await page.close();
});
