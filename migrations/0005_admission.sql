-- Admission rounds, selection scores and allocation runs (docs/allocation.md).

-- A call for applications: the cohorts it fills, when candidates may apply, who is eligible, and
-- the lottery seed that breaks ties, published with the round.
CREATE TABLE admission_rounds (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  max_choices INTEGER NOT NULL DEFAULT 5 CHECK (max_choices BETWEEN 1 AND 20),
  answer_days INTEGER NOT NULL DEFAULT 7 CHECK (answer_days BETWEEN 1 AND 60),
  min_age INTEGER CHECK (min_age IS NULL OR min_age BETWEEN 14 AND 99),
  max_age INTEGER CHECK (max_age IS NULL OR max_age BETWEEN 14 AND 99),
  min_education TEXT CHECK (min_education IS NULL OR min_education IN ('bac', 'bac2', 'bac3', 'bac5', 'doctorate')),
  precedence TEXT NOT NULL DEFAULT 'open,women,local',
  lottery_seed TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'finished')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (closes_on >= opens_on)
);

-- A cohort is filled by at most one round. Its composite selection score is
-- weight_test × test_score + weight_interview × interview_score.
ALTER TABLE cohorts ADD COLUMN round_id BIGINT REFERENCES admission_rounds(id);
ALTER TABLE cohorts ADD COLUMN admission_area TEXT NOT NULL DEFAULT 'national'
  CHECK (admission_area IN ('national', 'regional'));
ALTER TABLE cohorts ADD COLUMN weight_test DOUBLE PRECISION NOT NULL DEFAULT 0.6;
ALTER TABLE cohorts ADD COLUMN weight_interview DOUBLE PRECISION NOT NULL DEFAULT 0.4;
CREATE INDEX cohorts_round ON cohorts(round_id);

ALTER TABLE applications ADD COLUMN test_score DOUBLE PRECISION;
ALTER TABLE applications ADD COLUMN interview_score DOUBLE PRECISION;
ALTER TABLE applications ADD COLUMN ineligible_reason TEXT;
-- Set when an offer is published: the seat kind offered and the last day to answer.
ALTER TABLE applications ADD COLUMN seat TEXT CHECK (seat IS NULL OR seat IN ('open', 'women', 'local'));
ALTER TABLE applications ADD COLUMN answer_by TEXT;

-- One execution of the allocation: official (published or not) or a policy-lab simulation. Its
-- inputs are identified by a SHA-256 digest so that anyone can reproduce the result.
CREATE TABLE allocation_runs (
  id INTEGER PRIMARY KEY,
  round_id BIGINT NOT NULL REFERENCES admission_rounds(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('official', 'simulation')),
  label TEXT NOT NULL DEFAULT '',
  parameters TEXT NOT NULL,        -- JSON: precedence and reserve design used
  input_digest TEXT NOT NULL,
  lottery_seed TEXT NOT NULL,
  program_version TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'computed' CHECK (status IN ('computed', 'published', 'superseded')),
  candidates INTEGER NOT NULL,
  assigned INTEGER NOT NULL,
  proposals BIGINT NOT NULL,
  engine_ms DOUBLE PRECISION NOT NULL,
  summary TEXT NOT NULL,           -- JSON: the policy-lab comparison figures
  created_by BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  published_at TEXT,
  answer_deadline TEXT,
  UNIQUE (round_id, number)
);

-- Who got which seat in an official run (unassigned candidates have no row).
CREATE TABLE allocation_assignments (
  run_id BIGINT NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  seat TEXT NOT NULL CHECK (seat IN ('open', 'women', 'local')),
  choice_rank INTEGER NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (run_id, candidate_id)
);
CREATE INDEX allocation_assignments_cohort ON allocation_assignments(run_id, cohort_id);

-- What each seat kind of each cohort ended with in an official run: the figures that explain
-- every refusal.
CREATE TABLE allocation_cutoffs (
  run_id BIGINT NOT NULL REFERENCES allocation_runs(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  seat TEXT NOT NULL CHECK (seat IN ('open', 'women', 'local')),
  seats INTEGER NOT NULL,
  filled INTEGER NOT NULL,
  filled_with_priority INTEGER NOT NULL,
  last_score DOUBLE PRECISION,
  last_priority_score DOUBLE PRECISION,
  last_other_score DOUBLE PRECISION,
  PRIMARY KEY (run_id, cohort_id, seat)
);
