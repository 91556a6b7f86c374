// Privacy and account security, in a real browser against the real server and the demo data set:
// the demo candidate reads everything held about her on "My data", downloads it as JSON, switches
// to Arabic (right to left) and asks for a correction; the programme office finds in the audit log
// that an operator read a candidate's record; steering turns on a second factor (a TOTP code
// computed here, RFC 6238) and signing in then asks for the code, refusing a wrong one; an employer
// changes her password on "My account", which ends her session in another browser.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { api, closeAndCheck, follow, login, useProgramme, users } from './harness.mjs';

const programme = useProgramme();

// RFC 4648 base32 (no padding needed) -> bytes.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: "${ch}" in "${text}"`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

const currentStep = () => Math.floor(Date.now() / 1000 / 30);

// RFC 6238: HMAC-SHA1 of the 8-byte big-endian step, dynamic truncation, 6 digits.
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

test('a candidate reads everything held about her, downloads it and asks for a correction, in Arabic', { timeout: 120_000 }, async () => {
  const page = await programme.open();
  await login(page, users.candidate.email, users.candidate.password);

  await follow(page, page.locator('nav.mainnav a[data-nav=my_data]'));
  const dataPath = new URL(page.url()).pathname;
  const id = Number(/^\/candidates\/(\d+)\/personal-data$/.exec(dataPath)?.[1]);
  assert.ok(id > 0, `"My data" opens /candidates/{id}/personal-data, got ${dataPath}`);
  assert.equal(await page.locator('nav.mainnav a[data-nav=my_data]').getAttribute('aria-current'), 'page');

  assert.equal(await page.locator('[data-testid=section-record] table tbody tr').count(), 1, 'her record, one row');
  assert.ok(await page.locator('[data-testid=section-applications] table tbody tr').count() >= 1, 'her applications');
  assert.ok(await page.locator('[data-testid=section-access]').isVisible(), 'who read her record');

  // The download: the same data as JSON.
  const href = await page.locator('[data-testid=download-json]').getAttribute('href');
  assert.equal(href, `/api/v1/candidates/${id}/personal-data`);
  const download = await api(page, 'GET', href);
  assert.equal(download.status, 200);
  assert.equal(String(download.json.record[0].id), String(id), 'the JSON is her record');
  assert.equal(download.json.account[0].email, users.candidate.email);
  assert.ok(download.json.applications.length >= 1);

  // In Arabic, right to left, on the same page.
  await follow(page, page.locator('nav.languages a[data-lang=ar]'));
  assert.equal(new URL(page.url()).pathname, dataPath, 'the language link comes back to the same page');
  assert.equal(await page.locator('html[dir=rtl]').count(), 1, 'the page is right to left');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');

  // She asks for a correction of her last name.
  const form = page.locator('[data-testid=correction-form]');
  assert.equal(await page.locator('[data-testid=section-corrections] table tbody tr').filter({ hasText: 'El Amrani' }).count(), 0);
  await form.locator('select[name=field]').selectOption('last_name');
  await form.locator('input[name=requested_value]').fill('El Amrani');
  await form.locator('textarea[name=reason]').fill('faute de frappe');
  await follow(page, form.locator('button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, dataPath, 'back on her data');
  assert.ok(await page.locator('[data-testid=correction-saved]').isVisible(), 'the request is recorded');
  assert.equal(await page.locator('html[dir=rtl]').count(), 1, 'still right to left');
  const request = page.locator('[data-testid=section-corrections] table tbody tr').filter({ hasText: 'El Amrani' });
  assert.equal(await request.count(), 1, 'the request is listed among her corrections');
  assert.match(await request.textContent(), /faute de frappe/);

  await closeAndCheck(page);
});

test("the programme office finds in the audit log who read a candidate's record", { timeout: 120_000 }, async () => {
  const operator = await programme.open();
  await login(operator, users.operator.email, users.operator.password);
  await operator.goto('/candidates');
  const link = operator.locator('table[data-testid=candidates] tbody a').first();
  const readPath = await link.getAttribute('href');
  await follow(operator, link);
  assert.equal(new URL(operator.url()).pathname, readPath, "the operator opens a candidate's record");
  const readId = /^\/candidates\/(\d+)$/.exec(readPath)?.[1];
  assert.ok(readId, `a candidate's page, got ${readPath}`);
  await closeAndCheck(operator);

  const admin = await programme.open();
  await login(admin, users.admin.email, users.admin.password);
  await follow(admin, admin.locator('nav.mainnav a[data-nav=audit]'));
  assert.equal(new URL(admin.url()).pathname, '/audit');

  const filters = admin.locator('[data-testid=audit-filters]');
  await filters.locator('input[name=actor]').fill(users.operator.email);
  await filters.locator('input[name=action]').fill('read');
  await follow(admin, filters.locator('button[type=submit]'));
  const url = new URL(admin.url());
  assert.equal(url.pathname, '/audit');
  assert.equal(url.searchParams.get('actor'), users.operator.email);
  assert.equal(await admin.locator('[data-testid=audit-errors]').count(), 0);

  const rows = admin.locator('[data-testid=audit] tbody tr');
  assert.ok(await rows.count() > 0, 'the operator\'s reads are found');
  assert.match(await admin.locator('[data-testid=audit] tbody').textContent(), /candidates/);
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent.trim())));
  for (const c of cells) {
    assert.equal(c[1], users.operator.email, 'only the operator');
    assert.equal(c[2], 'read', 'only reads');
  }
  assert.ok(cells.some((c) => c[3] === 'candidates' && c[4] === readId),
    `the read of candidate ${readId} is there: ${JSON.stringify(cells.slice(0, 5))}`);

  await closeAndCheck(admin);
});

test('an admin turns on a second factor; signing in then asks for the code', { timeout: 120_000 }, async () => {
  const page = await programme.open();
  await login(page, users.steering.email, users.steering.password);
  await follow(page, page.locator('[data-testid=account-link]'));
  assert.equal(new URL(page.url()).pathname, '/account');

  // Start: a secret and its QR code.
  await follow(page, page.locator('[data-testid=second-factor-start] button'));
  const secret = (await page.locator('[data-testid=second-factor-secret]').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/, `a base32 secret of 160 bits, got "${secret}"`);
  assert.equal(await page.locator('[data-testid=second-factor-qr] svg').count(), 1, 'a QR code');

  // Confirm with the current code.
  const confirmedStep = currentStep();
  await page.locator('[data-testid=second-factor-confirm] input[name=code]').fill(totp(secret, confirmedStep));
  await follow(page, page.locator('[data-testid=second-factor-confirm] button[type=submit]'));
  assert.equal(await page.locator('[data-testid=second-factor-errors]').count(), 0, 'the code is accepted');
  assert.ok(await page.locator('[data-testid=second-factor-on]').isVisible(), 'the second factor is on');

  // Sign out, sign in again: the password alone is not enough.
  await follow(page, page.locator('form.logout button'));
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.locator('input[name=email]').fill(users.steering.email);
  await page.locator('input[name=password]').fill(users.steering.password);
  let answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.equal((await answer).status(), 401);
  assert.ok(await page.locator('[data-testid=needs-code]').isVisible(), 'the form asks for the code');
  assert.equal(await page.locator('input[name=code]').count(), 1);
  assert.equal(await page.locator('.alert-error').count(), 0, 'asking for the code is not a failure');
  assert.equal(await page.locator('[data-testid=account-link]').count(), 0, 'not signed in yet');

  // A wrong code: refused, the form again.
  await page.locator('input[name=password]').fill(users.steering.password);
  await page.locator('input[name=code]').fill('000000');
  answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.equal((await answer).status(), 401);
  assert.ok(await page.locator('.alert-error').isVisible(), 'the wrong code is refused');
  assert.ok(await page.locator('[data-testid=needs-code]').isVisible(), 'and the code is asked again');
  assert.equal(await page.locator('[data-testid=account-link]').count(), 0, 'not signed in');

  // The right code: a step after the one used to confirm (a code is accepted once).
  await page.locator('input[name=password]').fill(users.steering.password);
  await page.locator('input[name=code]').fill(totp(secret, Math.max(currentStep(), confirmedStep + 1)));
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.notEqual(new URL(page.url()).pathname, '/login', 'signed in');
  assert.equal(await page.locator('.alert-error').count(), 0);
  assert.ok(await page.locator('[data-testid=account-link]').isVisible(), 'signed in, with the account link');

  await closeAndCheck(page);
});

test('a user changes her password on "My account": her other sessions end and only the new password signs in', { timeout: 120_000 }, async () => {
  const { email, password } = users.employer;
  const fresh = 'Oasis-Dakhla-2027';
  const phone = await programme.open();   // the same user in another browser
  await login(phone, email, password);
  const page = await programme.open();
  await login(page, email, password);
  await follow(page, page.locator('[data-testid=account-link]'));
  assert.equal(new URL(page.url()).pathname, '/account');
  const openSessions = async () => Number((await page.locator('[data-testid=session-count] strong').textContent()).trim());
  assert.ok((await openSessions()) >= 2, 'both browsers have a session');

  // A password that fails the policy: refused with the reason, in French, and nothing changed.
  const form = page.locator('[data-testid=password-form]');
  await form.locator('input[name=current_password]').fill(password);
  await form.locator('input[name=new_password]').fill('aaaaaaaaaaaa');
  await form.locator('input[name=confirm_password]').fill('aaaaaaaaaaaa');
  let answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/account/password');
  await follow(page, form.locator('button[type=submit]'));
  assert.equal((await answer).status(), 422);
  assert.ok(await page.locator('[data-testid=password-errors]').isVisible(), 'the refusal is shown');
  await phone.goto('/offers');
  assert.equal(new URL(phone.url()).pathname, '/offers', 'the other session is still open');

  // A good one.
  await form.locator('input[name=current_password]').fill(password);
  await form.locator('input[name=new_password]').fill(fresh);
  await form.locator('input[name=confirm_password]').fill(fresh);
  answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/account/password');
  await follow(page, form.locator('button[type=submit]'));
  assert.equal((await answer).status(), 303);
  assert.equal((await page.locator('[data-testid=account-saved]').textContent()).trim(),
    'Mot de passe changé ; vos autres sessions sont fermées.');
  assert.equal(await openSessions(), 1, 'only this browser is still signed in');

  // The other browser is sent to the sign-in; the old password no longer opens, the new one does.
  await phone.goto('/offers');
  assert.equal(new URL(phone.url()).pathname, '/login', 'the other session has ended');
  await assert.rejects(login(phone, email, password), /signing in as/);
  await login(phone, email, fresh);
  assert.ok(await phone.locator('[data-testid=account-link]').isVisible(), 'signed in with the new password');

  await closeAndCheck(phone);
  await closeAndCheck(page);
});
