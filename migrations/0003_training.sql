-- Cohorts, candidates, applications, enrolments and placements.

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  track_id BIGINT NOT NULL REFERENCES tracks(id),
  site_id BIGINT NOT NULL REFERENCES sites(id),
  operator_id BIGINT NOT NULL REFERENCES organisations(id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  reserved_women INTEGER NOT NULL DEFAULT 0 CHECK (reserved_women >= 0),
  reserved_local INTEGER NOT NULL DEFAULT 0 CHECK (reserved_local >= 0),
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'open', 'selecting', 'running', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (end_date >= start_date),
  CHECK (reserved_women + reserved_local <= capacity)
);
CREATE INDEX cohorts_track ON cohorts(track_id);
CREATE INDEX cohorts_site ON cohorts(site_id);
CREATE INDEX cohorts_operator ON cohorts(operator_id);
CREATE INDEX cohorts_status ON cohorts(status);

CREATE TABLE candidates (
  id INTEGER PRIMARY KEY,
  cin TEXT NOT NULL UNIQUE,           -- national ID card number, upper case
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('F', 'M')),
  birth_date TEXT NOT NULL,
  region_code TEXT NOT NULL REFERENCES regions(code),
  email TEXT,
  phone TEXT,
  education_level TEXT NOT NULL
    CHECK (education_level IN ('bac', 'bac2', 'bac3', 'bac5', 'doctorate', 'other')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX candidates_region ON candidates(region_code);
CREATE INDEX candidates_last_name ON candidates(last_name);

CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  rank INTEGER NOT NULL CHECK (rank >= 1),
  score DOUBLE PRECISION,
  status TEXT NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('draft', 'submitted', 'eligible', 'ineligible', 'offered', 'accepted', 'declined', 'expired')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (candidate_id, cohort_id)
);
CREATE INDEX applications_cohort ON applications(cohort_id, candidate_id);

CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id),
  cohort_id BIGINT NOT NULL REFERENCES cohorts(id),
  status TEXT NOT NULL DEFAULT 'enrolled'
    CHECK (status IN ('enrolled', 'graduated', 'dropped_out', 'failed')),
  exit_date TEXT,
  dropout_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (candidate_id, cohort_id)
);
CREATE INDEX enrolments_cohort ON enrolments(cohort_id);

CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id),
  employer_id BIGINT REFERENCES organisations(id),
  employer_name TEXT NOT NULL,
  job_title TEXT NOT NULL,
  contract_type TEXT NOT NULL
    CHECK (contract_type IN ('cdi', 'cdd', 'freelance', 'self_employed', 'internship')),
  start_date TEXT NOT NULL,
  end_date TEXT,
  monthly_salary_centimes BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX placements_candidate ON placements(candidate_id);
