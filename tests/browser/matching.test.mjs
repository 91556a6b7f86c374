// Employers' demand meets a graduate, in a real browser against the real server and the demo data
// set: the demo graduate signs in, agrees to be visible to employers and declares two skills no
// track teaches and no other graduate holds; the demo employer posts an offer through its form
// requiring three of her validated skills and those two, opens it and finds her ranked first at
// 100 %, without her last name or contacts, and asks to contact her; she accepts on her page; the
// employer now sees her e-mail and records her hire; the programme office's dashboard then counts
// one more graduate inserted. The offer page is also read in Arabic (right to left), and steering
// opens the supply-demand page from its menu.
//
// The dashboard is read "as of" the day her latest training ends plus six months (or today, if
// later): the day she becomes eligible for the insertion indicator at six months
// (docs/indicators.md), so that her hire, which starts within that window, counts.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { api, closeAndCheck, follow, login, useProgramme, users } from './harness.mjs';

// Skills no track of the demo teaches and no demo learner holds: the first two she lacks are
// declared, so that nobody else can cover the offer as fully as she does.
const RARE_SKILLS = ['terraform', 'kubernetes', 'ansible', 'jenkins', 'grafana', 'gitlab'];

const programme = useProgramme();

const iso = (d) => d.toISOString().slice(0, 10);
const parse = (s) => new Date(`${s}T00:00:00Z`);
// "+ N calendar months", the 31st landing on the last day of a shorter month (docs/indicators.md).
function addMonths(s, n) {
  const d = parse(s);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(first);
}
const spaces = (s) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

// The dashboard's insertion tile as of a day, and the API's national numbers behind it.
async function insertion(page, asOf) {
  await page.goto(`/?as_of=${asOf}`);
  const text = spaces(await page.locator('[data-testid=tiles] [data-tile=insertion_rate_6m] .tile-value').textContent());
  const r = await api(page, 'GET', `/api/v1/indicators?group_by=none&as_of=${asOf}`);
  assert.equal(r.status, 200, 'the programme office reads the indicators');
  return { text, ...r.json.groups[0] };
}

test('a graduate made visible is ranked first for an offer, contacted, accepts and is hired; the insertion indicator moves', { timeout: 300_000 }, async () => {
  const today = iso(new Date());

  // The graduate signs in: her page has the jobs section, she is not visible yet.
  const candidate = await programme.open();
  await login(candidate, users.candidate.email, users.candidate.password);
  const candidatePath = new URL(candidate.url()).pathname;
  const candidateId = Number(/^\/candidates\/(\d+)$/.exec(candidatePath)?.[1]);
  assert.ok(candidateId > 0, `the graduate lands on her page, got ${candidatePath}`);
  const section = candidate.locator('[data-testid=candidate-matching]');
  assert.ok(await section.isVisible(), 'her page has the jobs section');
  assert.equal(await section.locator('[data-testid=consent]').getAttribute('data-visible'), 'false');
  const validated = await section.locator('[data-testid=validated-skills] li').evaluateAll(
    (items) => items.map((li) => li.getAttribute('data-skill')));
  assert.ok(validated.length >= 3, `she has validated skills, got ${validated.join(', ')}`);

  // She agrees to be visible, reading the text and its version first.
  assert.match(await section.locator('.consent-text').textContent(), /visible des employeurs/);
  await follow(candidate, section.locator('[data-testid=consent-give]'));
  assert.ok(await candidate.locator('[data-testid=consent-given]').isVisible(), 'her consent is recorded');
  assert.equal(await candidate.locator('[data-testid=consent]').getAttribute('data-visible'), 'true');

  // She declares two skills that her track does not teach.
  const declared = RARE_SKILLS.filter((s) => !validated.includes(s)).slice(0, 2);
  for (const skill of declared) {
    await candidate.locator('[data-testid=declare-form] select[name=skill_code]').selectOption(skill);
    await follow(candidate, candidate.locator('[data-testid=declare-form] button[type=submit]'));
    assert.ok(await candidate.locator('[data-testid=matching-saved]').isVisible());
  }
  const declaredShown = await candidate.locator('[data-testid=declared-skills] li').evaluateAll(
    (items) => items.map((li) => li.getAttribute('data-skill')));
  assert.deepEqual([...declaredShown].sort(), [...declared].sort(), 'both declared skills are listed');

  // The programme office's numbers before: as of the day her latest training is six months past.
  const admin = await programme.open();
  await login(admin, users.admin.email, users.admin.password);
  const enrolments = await api(admin, 'GET', `/api/v1/enrolments?candidate=${candidateId}&limit=50`);
  assert.equal(enrolments.status, 200);
  const exits = enrolments.json.items.filter((e) => e.status === 'graduated' && e.exit_date).map((e) => e.exit_date).sort();
  assert.ok(exits.length > 0, 'the demo graduate has graduated');
  const windowEnd = addMonths(exits[exits.length - 1], 6);
  const asOf = windowEnd > today ? windowEnd : today;
  const hireStart = today <= windowEnd ? today : exits[exits.length - 1];
  const before = await insertion(admin, asOf);
  const me = await api(admin, 'GET', `/api/v1/candidates/${candidateId}`);
  assert.equal(me.status, 200);

  // The employer signs in (its home lists its offers) and posts an offer through the form.
  const emp = await programme.open();
  await login(emp, users.employer.email, users.employer.password);
  await follow(emp, emp.locator('[data-testid=new-offer]'));
  assert.equal(new URL(emp.url()).pathname, '/offers/new');
  const form = emp.locator('[data-testid=offer-form]');
  await form.locator('input[name=title]').fill('Ingénieur·e plateforme IA');
  await form.locator('textarea[name=description]').fill('Industrialiser nos modèles dans le cloud.');
  await form.locator('select[name=contract_type]').selectOption('cdi');
  await form.locator('input[name=positions]').fill('1');
  await form.locator('input[name=start_date]').fill(hireStart);
  await form.locator('input[name=salary_min_mad]').fill('9000');
  await form.locator('input[name=salary_max_mad]').fill('14000');
  await form.locator('select[name=region_code]').selectOption(me.json.region_code);
  await form.locator('input[name=city]').fill('Casablanca');
  const required = [...validated.slice(0, 3), ...declared];
  for (const skill of required) await form.locator(`input[name=required_skills][value="${skill}"]`).check();
  await follow(emp, form.locator('button[type=submit]'));
  const offerPath = new URL(emp.url()).pathname;
  assert.match(offerPath, /^\/offers\/\d+$/, 'the offer is posted and opened');
  assert.ok(await emp.locator('[data-testid=offer-saved]').isVisible());
  const offerRequired = await emp.locator('[data-testid=offer-required] li').evaluateAll(
    (items) => items.map((li) => li.getAttribute('data-skill')));
  assert.deepEqual(offerRequired.sort(), [...required].sort());

  // She is ranked first, the only one at 100 %, named by first name and initial only.
  const learners = emp.locator('[data-testid=ranked-learners] > li');
  const first = learners.first();
  assert.equal(Number(await first.getAttribute('data-candidate')), candidateId, 'she is ranked first');
  assert.equal(spaces(await first.locator('[data-testid=score]').textContent()), '100 %');
  assert.equal(await emp.locator('[data-testid=ranked-learners] > li[data-score="100"]').count(), 1,
    'nobody else covers the offer fully');
  assert.equal(spaces(await first.locator('[data-testid=learner-name]').textContent()),
    `${me.json.first_name} ${me.json.last_name[0]}.`);
  assert.equal(spaces(await first.locator('[data-testid=required-missing]').textContent()), '—');
  for (const skill of declared)
    assert.equal(await first.locator(`[data-testid=required-matched] [data-skill="${skill}"]`).count(), 1);
  const before_accept = await emp.content();
  for (const secret of [me.json.email, me.json.cin, me.json.birth_date, me.json.last_name])
    assert.ok(!before_accept.includes(secret), `the offer page does not show "${secret}" before she accepts`);

  // The employer asks to contact her.
  await first.locator('[data-testid=contact-form] input[name=message]').fill('Votre profil nous intéresse beaucoup.');
  await follow(emp, first.locator('[data-testid=contact-form] button[type=submit]'));
  const row = emp.locator(`[data-testid=ranked-learners] > li[data-candidate="${candidateId}"]`);
  assert.equal(await row.getAttribute('data-contact'), 'pending');

  // She accepts on her page.
  await candidate.goto(candidatePath);
  const request = candidate.locator('[data-testid=contacts] li[data-status=pending]').filter({ hasText: 'Ingénieur·e plateforme IA' });
  assert.equal(await request.count(), 1, 'the request is on her page');
  assert.match(await request.textContent(), /Votre profil nous intéresse beaucoup\./);
  await follow(candidate, request.locator('[data-testid=accept-form] button[type=submit]'));
  assert.ok(await candidate.locator('[data-testid=matching-saved]').isVisible());
  assert.equal(await candidate.locator('[data-testid=contacts] li').filter({ hasText: 'Ingénieur·e plateforme IA' })
    .getAttribute('data-status'), 'accepted');

  // The employer sees her name and e-mail, and records her hire.
  await emp.goto(offerPath);
  assert.equal(await row.getAttribute('data-contact'), 'accepted');
  assert.equal(spaces(await row.locator('[data-testid=learner-name]').textContent()),
    `${me.json.first_name} ${me.json.last_name}`);
  assert.match(await row.locator('[data-testid=contact-details]').textContent(), new RegExp(me.json.email.replace(/[.+]/g, '\\$&')));
  assert.ok(!(await emp.content()).includes(me.json.cin), 'never her CIN');
  const hire = row.locator('[data-testid=hire-form]');
  assert.equal(await hire.locator('select[name=contract_type]').inputValue(), 'cdi', "the offer's contract by default");
  await hire.locator('input[name=start_date]').fill(hireStart);
  await hire.locator('input[name=monthly_salary_mad]').fill('11000');
  await follow(emp, hire.locator('button[type=submit]'));
  assert.ok(await emp.locator('[data-testid=offer-saved]').isVisible(), 'the hire is recorded');
  assert.equal(await row.getAttribute('data-hired'), 'true');
  assert.equal(spaces(await emp.locator('[data-testid=hires]').textContent()), '1 / 1');
  assert.equal(await emp.locator('[data-testid=offer]').getAttribute('data-status'), 'filled');

  // Her placement exists, and the programme office's dashboard counts her inserted.
  const placements = await api(admin, 'GET', `/api/v1/placements?candidate=${candidateId}`);
  assert.ok(placements.json.items.some((p) => p.job_title === 'Ingénieur·e plateforme IA' && p.start_date === hireStart));
  const afterHire = await insertion(admin, asOf);
  assert.equal(afterHire.graduates_eligible_6m, before.graduates_eligible_6m);
  assert.ok(afterHire.inserted_6m > before.inserted_6m,
    `one more graduate inserted at six months: ${before.inserted_6m} → ${afterHire.inserted_6m}`);
  assert.ok(afterHire.insertion_rate_6m > before.insertion_rate_6m);
  assert.notEqual(afterHire.text, before.text, `the insertion tile moved from "${before.text}"`);

  // The offer page in Arabic, right to left.
  await emp.goto(`${offerPath}?lang=ar`);
  assert.equal(await emp.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await emp.locator('#ranked-heading').textContent(), /الخريجون المطابقون للعرض/);
  assert.equal(await emp.locator('[data-testid=offer-status]').textContent(), 'مشغول');

  // Steering finds the supply-demand page in its menu.
  const steering = await programme.open();
  await login(steering, users.steering.email, users.steering.password);
  await follow(steering, steering.locator('nav.mainnav a[data-nav=supply_demand]'));
  assert.equal(new URL(steering.url()).pathname, '/supply-demand');
  assert.ok(await steering.locator('[data-testid=by-skill] table tbody tr').count() > 0, 'skills with open positions');
  assert.ok(await steering.locator('[data-testid=by-region] table tbody tr').count() > 0, 'regions with their largest gap');

  await closeAndCheck(steering);
  await closeAndCheck(emp);
  await closeAndCheck(candidate);
  await closeAndCheck(admin);
});
