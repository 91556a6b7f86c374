// The application shell as its users walk through it, in a real browser against the real server
// and the demo data set: signing in, switching to Arabic (right to left), filtering and paging the
// cohort list, importing a spreadsheet with a mistake and then corrected, and what each role may see.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { closeAndCheck, follow, login, projectRoot, resultsDir, useProgramme, users } from './harness.mjs';

const programme = useProgramme();

async function open() {
  return programme.open();
}

// "1–25 sur 132" (French) -> { first: 1, last: 25, total: 132 }
async function range(page) {
  const text = (await page.locator('[data-testid=range]').textContent()).trim();
  const m = /^(\d+)\s*[–-]\s*(\d+) sur (\d+)$/.exec(text);
  assert.ok(m, `the range reads like "1–25 sur N", got "${text}"`);
  return { first: Number(m[1]), last: Number(m[2]), total: Number(m[3]), text };
}

async function submitFilters(page) {
  await follow(page, page.locator('form.filters button.primary'));
}

async function rowAttributes(page, attribute) {
  return page.locator('table[data-testid=cohorts] tbody tr')
    .evaluateAll((rows, a) => rows.map((r) => r.getAttribute(a)), attribute);
}

test('a. signing in: redirected to the form, welcomed after, refused with a wrong password', { timeout: 60_000 }, async (t) => {
  t.diagnostic(`server: ${path.relative(projectRoot, programme.server.binary)} at ${programme.server.baseURL}`);
  const page = await open();

  await page.goto('/');
  assert.equal(new URL(page.url()).pathname, '/login', 'an anonymous visitor of / lands on /login');
  await page.getByLabel('Adresse e-mail').fill(users.admin.email);
  await page.getByLabel('Mot de passe').fill('not-the-password');
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  const alert = page.getByRole('alert');
  assert.equal((await alert.textContent()).trim(), 'Adresse e-mail ou mot de passe incorrect.');
  assert.equal(new URL(page.url()).pathname, '/login', 'a refused sign-in stays on /login');
  assert.equal(await page.locator('h1', { hasText: 'Bienvenue' }).count(), 0, 'no welcome after a wrong password');

  await page.getByLabel('Adresse e-mail').fill(users.admin.email);
  await page.getByLabel('Mot de passe').fill(users.admin.password);
  await follow(page, page.locator('form[action="/login"] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/', 'back on the home page after signing in');
  assert.match(await page.locator('h1').textContent(), /Bienvenue/);
  assert.equal(await page.locator('[role=alert]').count(), 0);

  await closeAndCheck(page);
});

test('b. switching to Arabic turns the page right to left, and the choice persists', { timeout: 60_000 }, async () => {
  const page = await open();
  await login(page, users.admin.email, users.admin.password);
  const html = page.locator('html');
  assert.equal(await html.getAttribute('dir'), 'ltr', 'French is left to right');

  await follow(page, page.locator('a[data-lang="ar"]'));
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
  const navText = (await page.locator('a[data-nav="cohorts"]').textContent()).trim();
  assert.match(navText, /[\u0600-\u06FF]/, `the "cohorts" menu entry is in Arabic, got "${navText}"`);

  // The language is a cookie: it holds on the next page the user opens.
  await page.goto('/cohorts');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl', '/cohorts is still right to left');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
  assert.ok(await page.locator('table[data-testid=cohorts] tbody tr').count() > 0, 'the Arabic cohort list has rows');
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, 'cohorts-ar.png'), fullPage: true });

  await follow(page, page.locator('a[data-lang="fr"]'));
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(new URL(page.url()).pathname, '/cohorts', 'switching language keeps the user on the same page');
  await page.goto('/');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr', 'French persists too');

  await closeAndCheck(page);
});

test('c. filtering the cohort list by region and status, and paging it', { timeout: 60_000 }, async (t) => {
  const page = await open();
  await login(page, users.admin.email, users.admin.password);

  await page.goto('/cohorts');
  const all = await range(page);
  assert.equal(all.first, 1);
  assert.equal(all.last, Math.min(25, all.total), `the first page shows up to 25 cohorts (${all.text})`);
  assert.ok(all.total > 25, `the demo has more than one page of cohorts (${all.text})`);

  // Pagination, on the unfiltered list.
  const next = page.locator('a[rel=next]');
  assert.equal(await next.count(), 1, 'a "next page" link');
  await follow(page, next);
  const second = await range(page);
  assert.equal(second.first, 26, `the second page starts at 26 (${second.text})`);
  assert.equal(second.total, all.total);
  assert.equal(await page.locator('a[rel=prev]').count(), 1, 'a "previous page" link on page 2');

  // By region.
  await page.goto('/cohorts');
  await page.locator('select[name=region]').selectOption('12');
  await submitFilters(page);
  assert.equal(new URL(page.url()).searchParams.get('region'), '12', `the URL says region=12 (${page.url()})`);
  const regional = await range(page);
  assert.ok(regional.total > 0, `region 12 has cohorts (${regional.text})`);
  assert.ok(regional.total < all.total, `fewer cohorts in region 12 (${regional.total}) than in all (${all.total})`);
  const regions = await rowAttributes(page, 'data-region');
  assert.ok(regions.length > 0);
  assert.deepEqual([...new Set(regions)], ['12'], 'every row is in region 12');
  assert.equal(await page.locator('select[name=region]').inputValue(), '12', 'the form remembers the region');

  // And by status: pick the status of a row now shown, so the combined filter cannot be empty.
  const [status] = await rowAttributes(page, 'data-status');
  assert.ok(status, 'rows carry their status');
  await page.locator('select[name=status]').selectOption(status);
  await submitFilters(page);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('status'), status);
  assert.equal(url.searchParams.get('region'), '12');
  const both = await range(page);
  assert.ok(both.total > 0 && both.total <= regional.total, `${both.text} within ${regional.text}`);
  assert.deepEqual([...new Set(await rowAttributes(page, 'data-status'))], [status], `every row is "${status}"`);
  assert.deepEqual([...new Set(await rowAttributes(page, 'data-region'))], ['12'], 'and still in region 12');
  t.diagnostic(`cohorts: ${all.total} in all, ${regional.total} in region 12, ${both.total} of them "${status}"`);

  await closeAndCheck(page);
});

test('d. an import with a mistake is refused whole, with the line and column; corrected, it goes in', { timeout: 60_000 }, async () => {
  const page = await open();
  await login(page, users.admin.email, users.admin.password);

  const header = 'cin;first_name;last_name;gender;birth_date;region_code;email;phone;education_level';
  const salma = 'ZX100001;Salma;Idrissi;F;03/04/2001;12;salma@example.ma;0612345678;bac3';
  // What French Excel writes: ";" separators, DD/MM/YYYY dates, CRLF line ends.
  const csv = (omarCin) => Buffer.from(
    [header, salma, `${omarCin};Omar;Alaoui;M;2001-04-03;04;;0612345678;bac3`].join('\r\n') + '\r\n');

  async function importFile(buffer) {
    await page.goto('/import');
    await page.locator('select[name=kind]').selectOption('candidates');
    await page.locator('input[name=file]').setInputFiles({ name: 'candidats.csv', mimeType: 'text/csv', buffer });
    await follow(page, page.locator('form[action="/import"] button[type=submit]'));
    return page.locator('[data-testid=import-report]');
  }

  let report = await importFile(csv('123'));
  assert.equal(await report.count(), 1, 'an import report is shown');
  assert.match(await report.textContent(), /Import refusé/);
  const errors = await page.locator('[data-testid=import-errors] tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.ok(errors.some(([line, column]) => line === '3' && column === 'cin'),
    `an error on line 3, column "cin"; the report lists ${JSON.stringify(errors)}`);

  await page.goto('/candidates?q=ZX100001');
  const rangeText = (await page.locator('[data-testid=range]').textContent()).trim();
  const empty = await page.getByText('Aucun résultat').count();
  assert.ok(rangeText === '0–0 sur 0' || empty > 0,
    `nothing was written, not even the valid line 2 (range "${rangeText}")`);
  assert.equal(await page.locator('table[data-testid=candidates] tbody tr').count(), 0);

  report = await importFile(csv('ZX100002'));
  assert.match(await report.textContent(), /Import réussi/);
  assert.equal(await page.locator('[data-testid=import-errors]').count(), 0, 'no error table');

  await page.goto('/candidates?q=ZX1000');
  const found = await range(page);
  assert.equal(found.total, 2, `both candidates are found (${found.text})`);
  const cins = await page.locator('table[data-testid=candidates] tbody tr code').allTextContents();
  assert.deepEqual(cins.map((c) => c.trim()).sort(), ['ZX100001', 'ZX100002']);

  await closeAndCheck(page);
});

test('e. steering sees aggregates and no one\'s record; an operator sees only its own cohorts', { timeout: 60_000 }, async (t) => {
  const admin = await open();
  await login(admin, users.admin.email, users.admin.password);
  await admin.goto('/cohorts');
  const adminCohorts = await range(admin);
  await closeAndCheck(admin);

  const steering = await open();
  await login(steering, users.steering.email, users.steering.password);
  // Steering sees the programme through aggregates (law 09-08: minimisation): no one's record.
  assert.equal(await steering.locator('nav.mainnav a[data-nav=candidates]').count(), 0, 'no candidate list in the menu');
  const refused = await steering.goto('/candidates');
  assert.equal(refused.status(), 403, 'the candidate list is refused to steering');
  assert.ok(await steering.getByText("Votre rôle ne permet pas cette action.").isVisible(), 'and says why');
  assert.equal(await steering.locator('table[data-testid=candidates]').count(), 0, 'no table of people');
  await steering.goto('/');
  assert.ok(await steering.locator('nav.mainnav a[data-nav=targets]').count() > 0, 'the targets, in aggregate, are there');
  await closeAndCheck(steering);

  const operator = await open();
  await login(operator, users.operator.email, users.operator.password);
  await operator.goto('/cohorts');
  const own = await range(operator);
  assert.ok(own.total > 0, `the operator has cohorts (${own.text})`);
  assert.ok(own.total < adminCohorts.total,
    `the operator sees fewer cohorts (${own.total}) than the programme office (${adminCohorts.total})`);
  const operators = await operator.locator('table[data-testid=cohorts] tbody tr td:nth-child(5)').allTextContents();
  assert.equal(new Set(operators.map((o) => o.trim())).size, 1,
    `every cohort shown is run by the same operator: ${JSON.stringify([...new Set(operators)])}`);
  t.diagnostic(`cohorts: ${adminCohorts.total} for the programme office, ${own.total} for the operator ${operators[0].trim()}`);
  await closeAndCheck(operator);
});
