// Shared by the browser tests of the classroom server (issue #16): `sprout serve` started on a free
// port with a fresh data folder and the built app, killed (SIGKILL, as a power cut would) or
// stopped and started again on the same port and folder; and the teacher's set-up done through
// the API, from loopback as the teacher's own PC does it, so that a test of the students' pages
// starts from a class with a roster.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repository } from './support.mjs';

/**
 * `sprout` with the app inside, copied out of cargo's target folder by scripts/test.sh
 * (`SPROUT_CLI` overrides): a copy, because the next cargo build of the CLI (by hand, or
 * `cargo run -p sprout-cli` in a test run by hand) replaces target/debug/sprout with one without it.
 */
const sprout = process.env.SPROUT_CLI ?? path.join(repository, 'target/sprout-with-app');

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers `/api/hello`, or fails when `child` exits first or after 60 s. */
async function answering(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`sprout serve exited (${child.exitCode ?? child.signalCode}): ${child.output.join('')}`);
    }
    try {
      const response = await fetch(`${url}/api/hello`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sprout serve did not answer within 60 s: ${child.output.join('')}`);
}

/**
 * `sprout serve` with the built app (`SPROUT_DIST`, default `dist`) and a fresh data folder:
 * resolves to `{ url, kill(), stop(), start(), close() }`. `kill` is SIGKILL (nothing flushed,
 * nothing said goodbye); `stop` is SIGTERM; `start` starts it again on the same port and folder.
 * With `{ builtInApp: true }` it is given no `--app` and runs in an empty folder, so that it can
 * only serve the app built into it.
 */
export async function startClassroomServer({ builtInApp = false } = {}) {
  const distribution = path.resolve(repository, process.env.SPROUT_DIST ?? 'dist');
  await stat(path.join(distribution, 'index.html')).catch(() => {
    throw new Error(`${distribution}/index.html is missing: run \`trunk build --release --offline\` first`);
  });
  await stat(sprout).catch(() => {
    throw new Error(
      `${sprout} is missing: run \`cargo build -p sprout-cli --features embedded-app && cp target/debug/sprout target/sprout-with-app\` first`,
    );
  });
  const data = await mkdtemp(path.join(tmpdir(), 'sprout-classroom-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = null;
  const server = {
    url,
    data,
    async start() {
      const app = builtInApp ? [] : ['--app', distribution];
      child = spawn(sprout, ['serve', '--port', String(port), '--data', path.join(data, 'data'), ...app], {
        cwd: data,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.output = [];
      child.stdout.on('data', (chunk) => child.output.push(chunk.toString()));
      child.stderr.on('data', (chunk) => child.output.push(chunk.toString()));
      await answering(url, child);
    },
    async kill(signal = 'SIGKILL') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
    stop() {
      return server.kill('SIGTERM');
    },
    async close() {
      await server.kill('SIGKILL');
      await rm(data, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** One API call from the test (loopback: the teacher's own PC), failing on an unexpected status. */
export async function api(server, method, route, { json, text, cookie, status = 200 } = {}) {
  const headers = {};
  if (json !== undefined) headers['content-type'] = 'application/json';
  if (text !== undefined) headers['content-type'] = 'text/plain; charset=utf-8';
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers,
    body: text ?? (json === undefined ? undefined : JSON.stringify(json)),
  });
  const body = await response.text();
  if (response.status !== status) {
    throw new Error(`${method} ${route}: HTTP ${response.status} (expected ${status}): ${body}`);
  }
  const setCookie = response.headers.get('set-cookie');
  return {
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(body) : body,
    cookie: setCookie ? setCookie.split(';')[0] : null,
  };
}

/** The teacher's password the tests set, and the teacher's session cookie after setting it. */
export const TEACHER_PASSWORD = 'laoshi-2026';

/** Sets the teacher's password (from loopback, as on the teacher's PC); resolves to the cookie. */
export async function setUpTeacher(server) {
  return (await api(server, 'POST', '/api/teacher/setup', { json: { password: TEACHER_PASSWORD } })).cookie;
}

/**
 * A class of Sprout's own course with `roster` (one "name number" line per student), made by the
 * teacher: resolves to `{ id, name, students: [{ id, name, number, pin }] }`.
 */
export async function createClass(server, teacherCookie, name, roster) {
  const created = await api(server, 'POST', '/api/classes', {
    json: { name, course: 'builtin' },
    cookie: teacherCookie,
  });
  await api(server, 'POST', `/api/classes/${created.body.id}/roster`, { text: roster, cookie: teacherCookie });
  const listed = await api(server, 'GET', `/api/classes/${created.body.id}/students`, { cookie: teacherCookie });
  return { id: created.body.id, name, students: listed.body.students };
}
