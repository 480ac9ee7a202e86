// Firefox for the browser tests. playwright-core drives only its own patched Firefox builds, not
// Debian's firefox-esr, so this starts geckodriver (built from crates.io by scripts/setup.sh) and
// talks W3C WebDriver to it over HTTP with fetch: just what a student's way through a page needs
// (open, find, type with real key presses, click, read) plus a screenshot and Firefox's console
// output for a failing test.

import { spawn } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

const FIREFOX = '/usr/bin/firefox-esr';

/** The longest any one WebDriver command may take (opening the 4 MB page is the slowest). */
const COMMAND_TIMEOUT = 60_000;

/** WebDriver's key for Enter, which is what a newline in a program is typed with. */
const ENTER = '\uE007';

/** The first of `candidates` that is an executable file, or null. */
function executable(candidates) {
  return (
    candidates.find((file) => {
      try {
        accessSync(file, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }) ?? null
  );
}

/**
 * `{ firefox, geckodriver }` paths when both are installed, else null. geckodriver is where
 * scripts/setup.sh puts it (SPROUT_GECKODRIVER, off PATH), or else on PATH.
 */
export function findFirefox() {
  const firefox = executable([FIREFOX]);
  const geckodriver = executable(
    [
      process.env.SPROUT_GECKODRIVER,
      path.join(homedir(), '.cargo/sprout-geckodriver/bin/geckodriver'),
      ...(process.env.PATH ?? '').split(path.delimiter).map((folder) => path.join(folder, 'geckodriver')),
    ].filter(Boolean),
  );
  return firefox && geckodriver ? { firefox, geckodriver } : null;
}

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Nothing in the browser may reach the network or start background work: no updates, telemetry,
// studies, safe-browsing lists, captive-portal or connectivity checks (on top of geckodriver's own
// profile preferences, which also point remote settings at a dummy `data:` server). Page console
// messages go to Firefox's standard output (errors a page throws always do), which the test keeps
// for its error messages.
const PREFERENCES = {
  'app.update.disabledForTesting': true,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.region.network.url': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'devtools.console.stdout.content': true,
};

/**
 * Starts geckodriver and, through it, Firefox headless on a fresh profile. Resolves to a
 * `Firefox` session; its `close` ends the session, geckodriver and Firefox, and deletes the
 * profile, also when the session is broken.
 */
export async function launchFirefox({ firefox, geckodriver }) {
  // geckodriver makes its fresh profile in a folder of our own, deleted at the end even if Firefox
  // had to be killed.
  const scratch = await mkdtemp(path.join(tmpdir(), 'sprout-firefox-'));
  const port = await freePort();
  // Its own process group, so that killing the group also ends the Firefox it started.
  const driver = spawn(geckodriver, ['--host', '127.0.0.1', '--port', String(port), '--profile-root', scratch], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  driver.stdout.on('data', (chunk) => output.push(chunk));
  driver.stderr.on('data', (chunk) => output.push(chunk));
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  const browser = new Firefox(`http://127.0.0.1:${port}`, output);

  const kill = () => {
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  // Also when the test process ends without reaching `close`.
  const onExit = () => {
    kill();
    rmSync(scratch, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const close = async () => {
    if (browser.id) await browser.command('DELETE', '').catch(() => {});
    kill();
    if (driver.exitCode === null && driver.signalCode === null) await exited;
    process.off('exit', onExit);
    await rm(scratch, { recursive: true, force: true });
  };
  browser.close = close;

  try {
    await browser.start(firefox);
  } catch (error) {
    await close();
    error.message += `\ngeckodriver and Firefox said:\n${browser.log()}`;
    throw error;
  }
  return browser;
}

/** One WebDriver session in Firefox. Elements are WebDriver element references. */
class Firefox {
  constructor(url, output) {
    this.url = url;
    this.output = output;
    this.id = null;
  }

  /** What geckodriver and Firefox (page console messages included) printed so far. */
  log() {
    return Buffer.concat(this.output).toString('utf8');
  }

  /** The errors that pages and their workers (file:, blob: and data: scripts) threw so far. */
  pageErrors() {
    return this.log()
      .split('\n')
      .filter((line) => /^JavaScript error: (file|blob|data):/.test(line));
  }

  /** Sends one command to geckodriver; `route` is below the session (or the server if no id). */
  async command(method, route, body) {
    const base = this.id ? `${this.url}/session/${this.id}` : this.url;
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(COMMAND_TIMEOUT),
    });
    const { value } = await response.json();
    if (!response.ok) throw new Error(`${method} ${route}: ${value.error}: ${value.message}`);
    return value;
  }

  /** Waits for geckodriver to listen, then opens a session in a headless Firefox. */
  async start(binary) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const status = await this.command('GET', '/status');
        if (status.ready) break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`geckodriver did not start: ${error.message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { sessionId } = await this.command('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          'moz:firefoxOptions': { binary, args: ['-headless'], prefs: PREFERENCES },
        },
      },
    });
    this.id = sessionId;
  }

  /** Opens `url` and waits for it to load. */
  goto(url) {
    return this.command('POST', '/url', { url });
  }

  /** Reloads the page and waits for it to load. */
  refresh() {
    return this.command('POST', '/refresh', {});
  }

  /**
   * Waits up to `timeout` ms for an element that `xpath` finds and that is displayed and enabled,
   * and returns it.
   */
  async waitFor(xpath, timeout = 60_000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.command('POST', '/elements', { using: 'xpath', value: xpath });
      for (const element of found) {
        const id = Object.values(element)[0];
        const ready = await Promise.all([
          this.command('GET', `/element/${id}/displayed`),
          this.command('GET', `/element/${id}/enabled`),
        ]).catch(() => [false, false]);
        if (ready[0] && ready[1]) return id;
      }
      if (Date.now() > deadline) throw new Error(`nothing ready matches ${xpath} after ${timeout} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  click(element) {
    return this.command('POST', `/element/${element}/click`, {});
  }

  /** Types `text` into `element` with key presses, newlines as Enter. */
  type(element, text) {
    return this.command('POST', `/element/${element}/value`, { text: text.replaceAll('\n', ENTER) });
  }

  /** Presses the keys of `chord` together, e.g. ['\uE009', 'a'] for Control+A. */
  async press(chord) {
    const down = chord.map((value) => ({ type: 'keyDown', value }));
    const up = [...chord].reverse().map((value) => ({ type: 'keyUp', value }));
    await this.command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
    await this.command('DELETE', '/actions');
  }

  text(element) {
    return this.command('GET', `/element/${element}/text`);
  }

  property(element, name) {
    return this.command('GET', `/element/${element}/property/${name}`);
  }

  /** Runs `script` (a function body) in the page and returns its result. */
  execute(script) {
    return this.command('POST', '/execute/sync', { script, args: [] });
  }

  /** Saves a PNG of the page's viewport to `file`. */
  async screenshot(file) {
    await writeFile(file, Buffer.from(await this.command('GET', '/screenshot'), 'base64'));
  }
}
