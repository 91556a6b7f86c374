// Training and outcomes as their users live them, in a real browser against the real server and
// the demo data set: an operator marks a day's attendance on one of its running cohorts (one
// learner unticked) and reads the rates; graduates a learner, prints her certificate with its QR
// code; anyone, without signing in, confirms it on the public verification page, which shows
// name, track, cohort and date and nothing else (no CIN); the operator records her job on her
// page, also read in Arabic; the programme office's dashboard shows the insertion rate at six
// months move: one more eligible graduate, then one more inserted.
//
// The learner's exit date lies six months and two days before today, so that she counts among
// the graduates eligible at six months now (docs/indicators.md); the demo's running cohorts began
// less than six months ago, so that date falls before her cohort's start (nothing refuses it).
// Her job starts during the training, which counts: it lies between the cohort's start and six
// months after her exit.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { api, closeAndCheck, follow, login, useProgramme, users } from './harness.mjs';

const programme = useProgramme();

// Dates as the server counts them: ISO days in UTC.
const iso = (d) => d.toISOString().slice(0, 10);
const parse = (s) => new Date(`${s}T00:00:00Z`);
const addDays = (s, n) => { const d = parse(s); d.setUTCDate(d.getUTCDate() + n); return iso(d); };
// "+ N calendar months", the 31st landing on the last day of a shorter month (docs/indicators.md).
function addMonths(s, n) {
  const d = parse(s);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(first);
}
const weekday = (s) => { const w = parse(s).getUTCDay(); return w !== 0 && w !== 6; };

// A rate as the training page writes it in French: "87,5 %", "100 %".
function frenchRate(present, days) {
  let text = (Math.round((present / days) * 1000) / 10).toFixed(1);
  if (text.endsWith('.0')) text = text.slice(0, -2);
  return `${text.replace('.', ',')} %`;
}

// The national row of the indicators, as the programme office reads them.
async function national(page) {
  const r = await api(page, 'GET', '/api/v1/indicators?group_by=none');
  assert.equal(r.status, 200, 'the programme office reads the indicators');
  assert.equal(r.json.groups.length, 1);
  return r.json.groups[0];
}

// The dashboard's insertion-rate tile, and the API's numbers behind it.
async function insertionTile(page) {
  await page.goto('/');
  const text = (await page.locator('[data-testid=tiles] [data-tile=insertion_rate_6m] .tile-value').textContent()).trim();
  return { text, ...(await national(page)) };
}

test('an operator marks attendance, graduates a learner, prints her certificate; anyone verifies it; her job moves the insertion rate', { timeout: 240_000 }, async () => {
  const today = iso(new Date());
  const exitDate = addDays(addMonths(today, -6), -2);
  assert.ok(addMonths(exitDate, 6) <= today, 'the exit date makes her eligible at six months today');

  // The programme office's dashboard before anything happens.
  const admin = await programme.open();
  await login(admin, users.admin.email, users.admin.password);
  const start = await insertionTile(admin);
  assert.match(start.text, /^\d+(,\d)?\s%$/, `the tile shows a rate, got "${start.text}"`);

  // The operator opens the training page of one of its running cohorts with two learners or more.
  const operator = await programme.open();
  await login(operator, users.operator.email, users.operator.password);
  const running = await api(operator, 'GET', '/api/v1/cohorts?status=running&limit=100');
  assert.equal(running.status, 200);
  let cohort = null;
  for (const c of running.json.items) {
    const enrolled = await api(operator, 'GET', `/api/v1/enrolments?cohort=${c.code}&status=enrolled&limit=1`);
    if (enrolled.json.total >= 2 && c.start_date < addDays(today, -14)) { cohort = c; break; }
  }
  assert.ok(cohort, 'the demo operator runs a cohort with at least two learners in training');
  await operator.goto(`/cohorts?q=${encodeURIComponent(cohort.code)}`);
  await follow(operator, operator.locator(`a[href="/cohorts/${cohort.id}/training"]`));
  assert.match(await operator.locator('h1').textContent(), new RegExp(cohort.code));

  // A day with no sheet yet: the first weekday of the training with nothing recorded.
  const recorded = new Set((await operator.locator('[data-testid=days] tbody tr td:first-child').allTextContents())
    .map((s) => s.trim()));
  let day = cohort.start_date;
  while (!weekday(day) || recorded.has(day)) day = addDays(day, 1);
  assert.ok(day < today, 'a past day of the training has no attendance yet');

  const sheet = operator.locator('[data-testid=attendance-form]');
  const boxes = sheet.locator('input[type=checkbox][name=present]');
  assert.ok(await boxes.count() >= 2);
  const graduateId = await boxes.nth(0).getAttribute('value');
  const absentId = await boxes.nth(1).getAttribute('value');
  const counts = async (id) => {
    const text = await operator.locator(`[data-testid=learners] tr[data-enrolment="${id}"] td:nth-child(5)`).textContent();
    const [present, days] = text.split('/').map((s) => Number(s.trim()));
    return { present, days };
  };
  const graduateBefore = await counts(graduateId);
  const absentBefore = await counts(absentId);
  await sheet.locator('input[name=day]').fill(day);
  for (let i = 0; i < await boxes.count(); i++) await boxes.nth(i).check();
  await sheet.locator(`input[type=checkbox][value="${absentId}"]`).uncheck();
  await follow(operator, sheet.locator('button[type=submit]'));
  assert.ok(await operator.locator('[data-testid=saved]').isVisible(), 'the sheet is saved');
  const dayRow = operator.locator('[data-testid=days] tbody tr').filter({ hasText: day });
  assert.equal((await dayRow.locator('td:nth-child(3)').textContent()).trim(), '1', 'one learner absent that day');

  // The rates: the present learner gained a day, the absent one a day missed.
  const graduateAfter = await counts(graduateId);
  const absentAfter = await counts(absentId);
  assert.deepEqual(graduateAfter, { present: graduateBefore.present + 1, days: graduateBefore.days + 1 });
  assert.deepEqual(absentAfter, { present: absentBefore.present, days: absentBefore.days + 1 });
  const rateOf = async (id) =>
    (await operator.locator(`[data-testid=learners] tr[data-enrolment="${id}"] td:nth-child(4)`).textContent()).trim();
  assert.equal(await rateOf(graduateId), frenchRate(graduateAfter.present, graduateAfter.days));
  assert.equal(await rateOf(absentId), frenchRate(absentAfter.present, absentAfter.days));

  // She graduates; her exit date is six months back.
  const row = operator.locator(`[data-testid=learners] tr[data-enrolment="${graduateId}"]`);
  const name = (await row.locator('td:nth-child(2)').textContent()).trim();
  const cin = (await row.locator('td:nth-child(1)').textContent()).trim();
  await row.locator('select[name=status]').selectOption('graduated');
  await row.locator('input[name=exit_date]').fill(exitDate);
  await follow(operator, row.locator('[data-testid=status-form] button[type=submit]'));
  const refusal = operator.locator('[data-testid=errors]');
  assert.equal(await refusal.count(), 0,
    `the exit on ${exitDate} is accepted${await refusal.count() ? `; the page says: ${await refusal.textContent()}` : ''}`);
  assert.equal(await row.getAttribute('data-status'), 'graduated');
  assert.match(await row.textContent(), new RegExp(exitDate));

  // One more graduate eligible at six months, not (yet) inserted: the rate moves down.
  const graduated = await insertionTile(admin);
  assert.equal(graduated.graduates_eligible_6m, start.graduates_eligible_6m + 1);
  assert.equal(graduated.inserted_6m, start.inserted_6m);

  // Her certificate, printed from the training page.
  await follow(operator, row.locator(`form[action="/enrolments/${graduateId}/certificate"] button[type=submit]`));
  assert.match(new URL(operator.url()).pathname, /^\/certificates\/\d+$/);
  assert.equal((await operator.locator('[data-testid=certificate] [data-testid=holder]').textContent()).trim(), name);
  assert.equal(await operator.locator('[data-testid=qr] svg').count(), 1, 'the QR code is drawn on the page');
  assert.ok(await operator.locator('[data-testid=qr] svg path, [data-testid=qr] svg rect').count() > 0);
  const certificate = await operator.locator('[data-testid=certificate]').textContent();
  assert.match(certificate, new RegExp(cohort.code));
  const link = /https?:\/\/[^\s/]+(\/verify\/[A-Za-z0-9_-]+)/.exec(certificate);
  assert.ok(link, 'the certificate gives its verification address');

  // Anyone, without signing in, verifies it: name, track, cohort and date, and nothing personal.
  const visitor = await programme.open();
  const answer = await visitor.goto(link[1]);
  assert.equal(answer.status(), 200);
  assert.equal(new URL(visitor.url()).pathname, link[1], 'the public page does not ask to sign in');
  assert.ok(await visitor.locator('[data-testid=valid]').isVisible(), 'the certificate is confirmed');
  assert.equal((await visitor.locator('[data-testid=holder]').textContent()).trim(), name);
  const verification = await visitor.locator('[data-testid=verification]').textContent();
  assert.match(verification, new RegExp(cohort.code));
  assert.match(verification, new RegExp(exitDate));
  const track = await api(admin, 'GET', `/api/v1/tracks?limit=100`);
  const trackName = track.json.items.find((t) => t.code === cohort.track_code).name_fr;
  assert.ok(verification.includes(trackName), `the track "${trackName}" is named`);
  assert.ok(!(await visitor.content()).includes(cin), 'the CIN is not on the public page');
  await closeAndCheck(visitor);

  // The operator records her job on her page: a CDI that began during the training.
  const enrolment = await api(operator, 'GET', `/api/v1/enrolments/${graduateId}`);
  assert.equal(enrolment.status, 200);
  const candidateId = enrolment.json.candidate_id;
  const windowEnd = addMonths(exitDate, 6);
  const jobStart = [cohort.start_date, addDays(windowEnd, -14)].sort()[1];
  assert.ok(jobStart <= windowEnd && jobStart >= cohort.start_date, 'the job starts within the six months');
  await operator.goto(`/candidates/${candidateId}`);
  const form = operator.locator('[data-testid=placement-form]');
  await form.locator('input[name=employer_name]').fill('Atlas Numérique SARL');
  await form.locator('input[name=job_title]').fill('Développeuse full-stack');
  await form.locator('select[name=contract_type]').selectOption('cdi');
  await form.locator('input[name=start_date]').fill(jobStart);
  await form.locator('input[name=monthly_salary_mad]').fill('9500');
  await form.locator('input[name=evidence_note]').fill('Contrat de travail vu par l\'opérateur');
  await follow(operator, form.locator('button[type=submit]'));
  assert.equal(new URL(operator.url()).pathname, `/candidates/${candidateId}`);
  assert.ok(await operator.locator('[data-testid=placement-saved]').isVisible(), 'the job is recorded');
  const job = operator.locator('[data-testid=placements] tbody tr').filter({ hasText: 'Atlas Numérique SARL' });
  assert.equal(await job.count(), 1);
  assert.match(await job.textContent(), /Développeuse full-stack/);
  assert.match(await job.textContent(), /CDI/);
  assert.match(await job.textContent(), new RegExp(jobStart));
  assert.match(await job.textContent(), /9\s?500 MAD/);

  // The same page in Arabic, right to left.
  await operator.goto(`/candidates/${candidateId}?lang=ar`);
  assert.equal(await operator.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await operator.locator('[data-testid=candidate-placements] h2').textContent(), /الإدماج المهني/);
  assert.match(await operator.locator('[data-testid=placements] tbody tr').filter({ hasText: 'Atlas Numérique SARL' }).textContent(),
    /عقد غير محدد المدة/);
  await closeAndCheck(operator);

  // The dashboard's insertion rate moves: she is inserted.
  const inserted = await insertionTile(admin);
  assert.equal(inserted.graduates_eligible_6m, graduated.graduates_eligible_6m);
  assert.equal(inserted.inserted_6m, graduated.inserted_6m + 1);
  assert.notEqual(inserted.text, graduated.text, `the tile moved from "${graduated.text}"`);
  assert.ok(inserted.insertion_rate_6m > graduated.insertion_rate_6m);
  await closeAndCheck(admin);
});
