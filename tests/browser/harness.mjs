// Test harness for the browser tests: starts the real jobintech server on a fresh SQLite file filled
// with the demo data set, and launches Debian's chromium through playwright-core (never a downloaded
// browser). A test file calls useProgramme() once: it starts both before the file's tests, stops
// them after, and fails the file if the server reported a memory error.
//
// The binary is $JOBINTECH_BINARY, else build-asan/jobintech (the sanitised build `make test` uses),
// else build/jobintech. With AddressSanitizer the server is slow to start: allow 60 s.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

const execFileAsync = promisify(execFile);

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const resultsDir = path.join(projectRoot, 'tests', 'browser', 'test-results');

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

// The demo users (see the demo generator); their passwords are public demo values.
export const users = {
  admin: { email: 'admin@jobintech.ma', password: 'Demo-Admin-2026' },
  steering: { email: 'pilotage@jobintech.ma', password: 'Demo-Pilotage-2026' },
  operator: { email: 'operateur@jobintech.ma', password: 'Demo-Operateur-2026' },
  candidate: { email: 'candidat@jobintech.ma', password: 'Demo-Candidat-2026' },
  employer: { email: 'employeur@jobintech.ma', password: 'Demo-Employeur-2026' },
};

export function binaryPath() {
  if (process.env.JOBINTECH_BINARY) return path.resolve(projectRoot, process.env.JOBINTECH_BINARY);
  const asan = path.join(projectRoot, 'build-asan', 'jobintech');
  if (fs.existsSync(asan)) return asan;
  return path.join(projectRoot, 'build', 'jobintech');
}

function childEnv() {
  return { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' };
}

async function run(bin, args) {
  try {
    return await execFileAsync(bin, args, {
      cwd: projectRoot,
      env: childEnv(),
      timeout: START_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (e) {
    throw new Error(`\`${path.relative(projectRoot, bin)} ${args.join(' ')}\` failed (exit ${e.code ?? e.signal}):\n` +
      `${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

// Servers started by this process, so that stopServer() and the exit hook can find them.
const running = new Set();

process.on('exit', () => {
  // Last resort when a test process ends without its `after` hook (crash, Ctrl-C): kill, clean up.
  for (const s of running) {
    try { s.child.kill('SIGKILL'); } catch { /* already gone */ }
    try { fs.rmSync(s.dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});

async function waitForHealth(baseURL, child, deadline) {
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('the server exited while starting');
    try {
      const r = await fetch(new URL('/healthz', baseURL), { signal: AbortSignal.timeout(5_000) });
      if (r.status === 200) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`GET /healthz did not answer 200 within ${START_TIMEOUT_MS / 1000} s (last: ${last})`);
}

/**
 * Creates a temporary folder with a database, migrates it, writes the demo data set
 * (300 candidates, seed 11) and starts `jobintech serve` on a free port.
 * Returns { baseURL, port, binary, dir, db, child, output() }.
 */
export async function startServer({ candidates = 300, seed = 11 } = {}) {
  const bin = binaryPath();
  if (!fs.existsSync(bin)) {
    throw new Error(`no jobintech binary at ${bin}: run \`make build-asan\` (or set JOBINTECH_BINARY)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jobintech-browser-'));
  const db = path.join(dir, 'jobintech.db');
  const server = { binary: bin, dir, db, child: null, baseURL: null, port: null, stdout: '', stderr: '' };
  server.output = () => `--- server stdout ---\n${server.stdout}\n--- server stderr ---\n${server.stderr}`;

  try {
    await run(bin, ['migrate', '--db', db]);
    await run(bin, ['demo', '--db', db, '--candidates', String(candidates), '--seed', String(seed)]);

    const child = spawn(bin, ['serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--quiet'], {
      cwd: projectRoot,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.child = child;
    server.exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
    running.add(server);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s) => { server.stderr += s; });
    child.stdout.setEncoding('utf8');

    const deadline = Date.now() + START_TIMEOUT_MS;
    server.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not print its address within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS);
      const onExit = (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before printing its address`));
      };
      child.once('exit', onExit);
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
      child.stdout.on('data', (s) => {
        server.stdout += s;
        const m = /jobintech serving on http:\/\/127\.0\.0\.1:(\d+)\//.exec(server.stdout);
        if (m && server.port === null) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve(Number(m[1]));
        }
      });
    });
    server.baseURL = `http://127.0.0.1:${server.port}`;
    await waitForHealth(server.baseURL, server.child, deadline);
    return server;
  } catch (e) {
    const out = server.child ? `\n${server.output()}` : '';
    await stopServer(server).catch(() => {});
    e.message += out;
    throw e;
  }
}

/**
 * Stops a server started by startServer() (every running one when none is given) and removes its
 * temporary folder. Returns the servers' exit status and output, e.g. to look for a sanitizer report.
 */
export async function stopServer(server) {
  const targets = server ? [server] : [...running];
  const results = [];
  for (const s of targets) {
    running.delete(s);
    let status = null;
    if (s.child && s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGTERM');
      const timeout = new Promise((ok) => setTimeout(() => ok(null), STOP_TIMEOUT_MS).unref());
      status = await Promise.race([s.exited, timeout]);
      if (status === null) {
        s.child.kill('SIGKILL');
        status = await s.exited;
        status.forced = true;
      }
    } else if (s.exited) {
      status = await s.exited;
    }
    fs.rmSync(s.dir, { recursive: true, force: true });
    results.push({ ...status, stdout: s.stdout, stderr: s.stderr });
  }
  return server ? results[0] : results;
}

/** Launches Debian's chromium, headless. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Opens a fresh browser context (own cookies) on the server, and a page in it. Server errors (5xx)
 * and uncaught page errors are collected in page.problems so a test can assert there were none.
 */
export async function newPage(browser, server, { locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({ baseURL: server.baseURL, locale });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.problems = [];
  page.on('response', (r) => {
    if (r.status() >= 500) page.problems.push(`${r.request().method()} ${r.url()} answered ${r.status()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`page error on ${page.url()}: ${e.message}`));
  return page;
}

/** Closes a page's context and asserts it met no server error (5xx) and no script error. */
export async function closeAndCheck(page) {
  const problems = page.problems;
  await page.context().close();
  assert.deepEqual(problems, [], 'no server error and no script error on any page');
}

/** Clicks a link or a submit button and waits until the document it leads to has loaded. */
export async function follow(page, locator) {
  const loaded = page.waitForEvent('load');
  await locator.click();
  await loaded;
}

/** Signs in through the login form, as a user would, and waits for the page after it. */
export async function login(page, email, password) {
  await page.goto('/login');
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  if (new URL(page.url()).pathname === '/login') {
    const alert = await page.locator('[role=alert]').textContent().catch(() => null);
    throw new Error(`signing in as ${email} failed${alert ? `: the page says "${alert.trim()}"` : ''}`);
  }
}

/**
 * The server and the browser a test file shares, started in a `before` hook and stopped in an
 * `after` hook, which also fails when the server's stderr holds a sanitizer report. Returns
 * { server, browser, open(options) }: server and browser are set once the hook has run; open()
 * is newPage() on them, e.g. programme.open({ locale: 'ar-MA' }).
 */
export function useProgramme(serverOptions = {}) {
  const programme = {
    server: null,
    browser: null,
    open(options) {
      return newPage(programme.browser, programme.server, options);
    },
  };
  before(async () => {
    programme.server = await startServer(serverOptions);
    programme.browser = await launchBrowser();
  }, { timeout: 120_000 });
  after(async () => {
    if (programme.browser) await programme.browser.close();
    if (!programme.server) return;
    const status = await stopServer(programme.server);
    assert.doesNotMatch(status.stderr, /AddressSanitizer|runtime error:/,
      `the server reported a memory error:\n${status.stderr}`);
  });
  return programme;
}

/**
 * A JSON API call made from the page, with the page's own session cookie and, as every script
 * using the cookie must, the session's anti-forgery token from the page's <meta name="csrf-token">.
 */
export async function api(page, method, url, body) {
  return page.evaluate(async ({ method, url, body }) => {
    const headers = body ? { 'Content-Type': 'application/json' } : {};
    const csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf) headers['X-CSRF-Token'] = csrf.content;
    const r = await fetch(url, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: await r.json().catch(() => null) };
  }, { method, url, body });
}
