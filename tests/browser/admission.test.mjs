// An admission round as its users live it, in a real browser against the real server and the demo
// data set: the candidate ranks two cohorts of the open round (and is told plainly why a wrong
// list is refused), the programme office closes the round, runs the allocation and publishes it,
// and the candidate reads her offer and why she did not get her first choice, in French and in
// Arabic, then accepts her seat.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { api, closeAndCheck, follow, login, useProgramme, users } from './harness.mjs';

const programme = useProgramme();

test('a candidate applies, the office runs and publishes the round, the candidate reads her result and why', { timeout: 180_000 }, async () => {
  const candidate = await programme.open();
  await login(candidate, users.candidate.email, users.candidate.password);

  // The open round, from the candidate's menu.
  await follow(candidate, candidate.locator('nav.mainnav a[data-nav=admission]'));
  const roundCard = candidate.locator('section.card').filter({ has: candidate.locator('a[href$="/apply"]') }).first();
  const applyHref = await roundCard.locator('a[href$="/apply"]').getAttribute('href');
  const roundId = Number(/\/rounds\/(\d+)\/apply/.exec(applyHref)[1]);
  await follow(candidate, roundCard.locator('a[href$="/apply"]'));
  assert.match(await candidate.locator('[data-testid=truthful]').textContent(), /vraies préférences/,
    'the form says that truthful ranking is the best strategy');

  // Two national cohorts she is eligible for: the first she will not get, the second she will.
  const mine = await api(candidate, 'GET', `/api/v1/rounds/${roundId}/choices`);
  assert.equal(mine.status, 200);
  const open = mine.json.round.cohorts.filter((c) => c.admission_area === 'national' && mine.json.ineligible[c.code] === null);
  assert.ok(open.length >= 2, 'the demo round has at least two cohorts she may choose');
  const [first, second] = open;

  // A wrong list (the same cohort twice) is refused as a whole, with the reason.
  await candidate.locator('select[name=choice_1]').selectOption(first.code);
  await candidate.locator('select[name=choice_2]').selectOption(first.code);
  await follow(candidate, candidate.locator('[data-testid=apply-form] button[type=submit]'));
  assert.match(await candidate.locator('[data-testid=errors]').textContent(), /existe déjà/);

  await candidate.locator('select[name=choice_1]').selectOption(first.code);
  await candidate.locator('select[name=choice_2]').selectOption(second.code);
  for (let k = 3; k <= 5; k++) {
    if (await candidate.locator(`select[name=choice_${k}]`).count()) await candidate.locator(`select[name=choice_${k}]`).selectOption('');
  }
  await follow(candidate, candidate.locator('[data-testid=apply-form] button[type=submit]'));
  assert.ok(await candidate.locator('[data-testid=saved]').isVisible(), 'the choices are saved');
  const saved = await candidate.locator('[data-testid=my-choices] tbody tr td:nth-child(2)').allTextContents();
  assert.deepEqual(saved.map((s) => s.trim()), [first.code, second.code]);

  // The office makes her first choice a one-seat cohort that someone with a higher score wants.
  const admin = await programme.open();
  await login(admin, users.admin.email, users.admin.password);
  const cohort = await api(admin, 'GET', `/api/v1/cohorts?q=${first.code}`);
  const firstId = cohort.json.items.find((c) => c.code === first.code).id;
  assert.equal((await api(admin, 'PATCH', `/api/v1/cohorts/${firstId}`, { capacity: 1, reserved_women: 0, reserved_local: 0 })).status, 200);
  const rival = (await api(admin, 'POST', '/api/v1/candidates', {
    cin: 'ZZ998877', first_name: 'Salma', last_name: 'Rivale', gender: 'F', birth_date: '2000-04-02',
    region_code: first.region_code, education_level: 'bac3',
  })).json;
  assert.ok(rival.id, 'the rival candidate is registered');
  assert.equal((await api(admin, 'POST', '/api/v1/applications',
    { candidate_id: rival.id, cohort_code: first.code, rank: 1, score: 99 })).status, 201);

  // Scores are entered on a cohort's page; a wrong one refuses the whole form.
  let third = null;
  for (const c of open.slice(2)) {
    const found = (await api(admin, 'GET', `/api/v1/cohorts?q=${c.code}`)).json.items.find((x) => x.code === c.code);
    if ((await api(admin, 'GET', `/api/v1/cohorts/${found.id}/admissions`)).json.waitlist.length > 0) {
      third = found;
      break;
    }
  }
  assert.ok(third, 'another cohort of the round has applicants');
  await admin.goto(`/cohorts/${third.id}/admissions`);
  const row = admin.locator('[data-testid=scores] tbody tr').first();
  const application = await row.getAttribute('data-application');
  await row.locator(`input[name=test_${application}]`).fill('150');
  await follow(admin, admin.locator('[data-testid=scores] button[type=submit]'));
  assert.match(await admin.locator('[data-testid=errors]').textContent(), /test_score/);
  await admin.goto(`/cohorts/${third.id}/admissions`);
  await row.locator(`input[name=test_${application}]`).fill('70,5');
  await row.locator(`input[name=interview_${application}]`).fill('80');
  await follow(admin, admin.locator('[data-testid=scores] button[type=submit]'));
  assert.ok(await admin.locator('[data-testid=scores-saved]').isVisible());
  assert.match(await admin.locator(`[data-testid=scores] tr[data-application="${application}"]`).textContent(), /74,3/,
    'the composite is 0.6 × 70.5 + 0.4 × 80');

  // The office closes the round, runs the allocation and publishes it, all from the round's page.
  await admin.goto('/rounds');
  await follow(admin, admin.locator(`a[href="/rounds/${roundId}"]`));
  await follow(admin, admin.locator('[data-testid=to-closed]'));
  assert.equal((await admin.locator('[data-testid=round-status]').textContent()).trim(), 'Clôturé');
  await follow(admin, admin.locator('[data-testid=run-official] button[type=submit]'));
  const run = admin.locator('[data-testid=runs] tr[data-kind=official]').first();
  const runNumber = await run.getAttribute('data-run');
  await follow(admin, admin.locator(`[data-testid=publish-${runNumber}]`));
  assert.match(await admin.locator(`[data-testid=runs] tr[data-run="${runNumber}"]`).textContent(), /publiée/);
  await closeAndCheck(admin);

  // The candidate reads her offer, and why her first choice went to someone else.
  await candidate.goto(`/rounds/${roundId}/result`);
  assert.equal(await candidate.locator('[data-testid=result-status]').getAttribute('data-status'), 'offered');
  assert.match(await candidate.locator('[data-testid=result-status]').textContent(), new RegExp(second.code));
  const refused = candidate.locator('[data-testid=explanations] > li[data-outcome=refused]');
  assert.equal(await refused.count(), 1);
  assert.match(await refused.textContent(), new RegExp(first.code));
  assert.match(await refused.locator('li[data-seat=open]').textContent(),
    /place ouverte : dernier admis 99 — votre score était inférieur/);

  // The same explanation in Arabic, right to left.
  await candidate.goto(`/rounds/${roundId}/result?lang=ar`);
  assert.equal(await candidate.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await candidate.locator('[data-testid=explanations] li[data-seat=open]').textContent(), /آخر مقبول 99/);

  // She accepts her seat.
  await candidate.goto(`/rounds/${roundId}/result?lang=fr`);
  await follow(candidate, candidate.locator('[data-testid=accept]'));
  assert.equal(await candidate.locator('[data-testid=result-status]').getAttribute('data-status'), 'accepted');

  // Her record links to the result.
  await follow(candidate, candidate.locator('nav.mainnav a[data-nav=my_record]'));
  await follow(candidate, candidate.locator(`[data-testid=candidate-rounds] a[href="/rounds/${roundId}/result"]`));
  assert.equal(await candidate.locator('[data-testid=result-status]').getAttribute('data-status'), 'accepted');
  await closeAndCheck(candidate);
});
