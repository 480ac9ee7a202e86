// The classroom server under a class's load (issue #16): simulated students on loopback, each
// signed in with their PIN, saving their code every few seconds and checking it every half minute,
// against one `sprout serve` with a fresh data folder (SQLite, or PostgreSQL with `--database`).
// It prints the latency of saves and checks (p50, p99, max), the requests refused, the server's
// peak memory, and the writes lost: after the load, every acknowledged save is looked for in the
// server's history of each student's lesson (as the teacher's page reads it), and the current code
// must be the last one acknowledged. A benchmark, not a test: it prints and does not judge.
//
//   node scripts/bench-server.mjs [--students 60] [--minutes 5] [--save-every 2] [--check-every 30]
//                                 [--sprout target/release/sprout] [--database URL]
//
// Build the server first: `cargo build --release -p sprout-cli`.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const settings = {
  students: 60,
  minutes: 5,
  saveEvery: 2,
  checkEvery: 30,
  sprout: path.join(repository, 'target/release/sprout'),
  database: null,
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  if (args[i] === '--students') settings.students = Number(value);
  else if (args[i] === '--minutes') settings.minutes = Number(value);
  else if (args[i] === '--save-every') settings.saveEvery = Number(value);
  else if (args[i] === '--check-every') settings.checkEvery = Number(value);
  else if (args[i] === '--sprout') settings.sprout = value;
  else if (args[i] === '--database') settings.database = value;
  else {
    console.error('usage: node scripts/bench-server.mjs [--students N] [--minutes M] [--save-every S] [--check-every S] [--sprout PATH] [--database URL]');
    process.exit(2);
  }
  i++;
}

/** A free TCP port on loopback, for the server to bind. */
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

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const data = await mkdtemp(path.join(tmpdir(), 'sprout-bench-'));
const serverArguments = ['serve', '--port', String(port), '--data', data, '--app', path.join(repository, 'dist')];
if (settings.database) serverArguments.push('--database', settings.database);
const server = spawn(settings.sprout, serverArguments, { stdio: ['ignore', 'ignore', 'inherit'] });
let serverExited = false;
server.on('exit', () => {
  serverExited = true;
});

/** One HTTP call: its status, its JSON (or null) and the cookie it set, timed. */
async function call(method, url, { body, text, cookie } = {}) {
  const started = performance.now();
  const response = await fetch(base + url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(text === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' }),
      ...(cookie ? { cookie } : {}),
    },
    body: text ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const answer = await response.text();
  const took = performance.now() - started;
  const setCookie = response.headers.get('set-cookie');
  let json = null;
  try {
    json = JSON.parse(answer);
  } catch {
    json = null;
  }
  return { status: response.status, json, took, cookie: setCookie ? setCookie.split(';')[0] : null };
}

/** Fails the benchmark with what the server answered. */
function expect(answer, status, what) {
  if (answer.status !== status) {
    throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  }
  return answer;
}

for (let tries = 0; ; tries++) {
  if (serverExited) throw new Error(`${settings.sprout} serve exited before it answered`);
  try {
    if ((await call('GET', '/api/hello')).status === 200) break;
  } catch {
    // Not listening yet.
  }
  if (tries > 600) throw new Error('the server did not answer within a minute');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The server's resident and peak memory in KB, from /proc (Linux). */
async function memory() {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const password = 'bench-teacher-password';
expect(await call('POST', '/api/teacher/setup', { body: { password } }), 200, 'setting the teacher password');
const teacher = expect(await call('POST', '/api/teacher/login', { body: { password } }), 200, 'teacher sign-in').cookie;
const created = expect(
  await call('POST', '/api/classes', { body: { name: '压力测试班', course: 'builtin' }, cookie: teacher }),
  200,
  'creating the class',
);
const classId = created.json.id;
const roster = Array.from({ length: settings.students }, (_, index) => `学生${index + 1}\t${20260000 + index}`).join('\n');
expect(
  await call('POST', `/api/classes/${classId}/roster`, { text: roster, cookie: teacher }),
  200,
  'importing the roster',
);
const students = expect(await call('GET', `/api/classes/${classId}/students`, { cookie: teacher }), 200, 'the roster')
  .json.students;

// The course's first lesson (lessons/content/course.toml): every student works on it.
const LESSON = 'hello';
const saves = [];
const checks = [];
let refused = 0;
const sessions = [];
for (const student of students) {
  const signedIn = expect(
    await call('POST', '/api/student/login', { body: { class: classId, student: student.id, pin: student.pin } }),
    200,
    `${student.name} signing in`,
  );
  expect(await call('GET', '/api/me', { cookie: signedIn.cookie }), 200, 'the student page');
  sessions.push({ student, cookie: signedIn.cookie, lesson: LESSON, acknowledged: [], last: null });
}

const ends = Date.now() + settings.minutes * 60_000;
let peakMemory = 0;
const sampler = setInterval(async () => {
  peakMemory = Math.max(peakMemory, (await memory().catch(() => ({ rss: 0 }))).rss);
}, 1000);

/** One simulated student: a save every `saveEvery` s and a check every `checkEvery` s, staggered. */
async function work(session, index) {
  let edits = 0;
  let nextCheck = Date.now() + ((index * 997) % (settings.checkEvery * 1000));
  await new Promise((resolve) => setTimeout(resolve, (index * 131) % (settings.saveEvery * 1000)));
  while (Date.now() < ends) {
    edits += 1;
    const code = `// ${session.student.name} 第 ${edits} 次修改\nprint("你好，世界！");\n`;
    const saved = await call('PUT', `/api/me/lessons/${session.lesson}/code`, {
      body: { code, based_on: session.last },
      cookie: session.cookie,
    });
    if (saved.status === 200) {
      saves.push(saved.took);
      session.last = saved.json.version;
      session.acknowledged.push({ version: saved.json.version, code });
    } else {
      refused += 1;
    }
    if (Date.now() >= nextCheck) {
      nextCheck += settings.checkEvery * 1000;
      const checked = await call('POST', `/api/me/lessons/${session.lesson}/check`, {
        body: { code },
        cookie: session.cookie,
      });
      if (checked.status === 200) checks.push(checked.took);
      else refused += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, settings.saveEvery * 1000));
  }
}

console.log(
  `${settings.students} students, ${settings.minutes} min, a save every ${settings.saveEvery} s and a check every ${settings.checkEvery} s, ${settings.database ? 'PostgreSQL' : 'SQLite'}…`,
);
await Promise.all(sessions.map(work));
clearInterval(sampler);

let lost = 0;
let overwritten = 0;
for (const session of sessions) {
  const history = expect(
    await call('GET', `/api/classes/${classId}/students/${session.student.id}`, { cookie: teacher }),
    200,
    'the history',
  ).json;
  const versions = new Map(
    history.lessons.flatMap((lesson) => (lesson.lesson === session.lesson ? lesson.versions : [])).map((version) => [version.version, version.code]),
  );
  for (const { version, code } of session.acknowledged) {
    if (versions.get(version) !== code) lost += 1;
  }
  const me = expect(await call('GET', '/api/me', { cookie: session.cookie }), 200, 'the student page').json;
  const current = me.lessons.find((lesson) => lesson.lesson === session.lesson);
  if (session.acknowledged.length > 0 && current?.code !== session.acknowledged.at(-1).code) overwritten += 1;
}
const { peak } = await memory();
server.kill('SIGTERM');
await rm(data, { recursive: true, force: true });

/** The q-quantile of a list of milliseconds. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const row = (name, values) =>
  `${name.padEnd(7)} ${String(values.length).padStart(6)}  p50 ${quantile(values, 0.5).toFixed(1).padStart(7)} ms  p99 ${quantile(values, 0.99).toFixed(1).padStart(7)} ms  max ${Math.max(...values).toFixed(1).padStart(7)} ms`;
console.log(row('saves', saves));
console.log(row('checks', checks));
console.log(`refused requests: ${refused}`);
console.log(`acknowledged saves missing from the history: ${lost}`);
console.log(`students whose current code is not their last acknowledged save: ${overwritten}`);
console.log(`server memory: peak ${(Math.max(peak, peakMemory) / 1024).toFixed(1)} MB resident`);
