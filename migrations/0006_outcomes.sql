-- Training and outcomes: attendance, assessments, certificates, placements and their follow-ups,
-- convention targets by period, and result-based payment tranches (docs/indicators.md,
-- docs/payments.md).

CREATE INDEX enrolments_candidate ON enrolments(candidate_id);

-- One line per learner and session day: the days of a cohort are the days on which attendance
-- was taken.
CREATE TABLE attendance (
  enrolment_id BIGINT NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  present INTEGER NOT NULL CHECK (present IN (0, 1)),
  PRIMARY KEY (enrolment_id, day)
);

-- One line per learner and skill of the track: validated or not. Validated skills feed matching.
CREATE TABLE assessments (
  enrolment_id BIGINT NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
  skill_code TEXT NOT NULL REFERENCES skills(code),
  validated INTEGER NOT NULL CHECK (validated IN (0, 1)),
  assessed_on TEXT NOT NULL,
  PRIMARY KEY (enrolment_id, skill_code)
);

-- A graduate's certificate. The verification code is random (128 bits), printed as a QR code
-- that opens /verify/CODE. A revoked certificate keeps its code, and the page says it is revoked.
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  enrolment_id BIGINT NOT NULL UNIQUE REFERENCES enrolments(id),
  code TEXT NOT NULL UNIQUE,
  issued_on TEXT NOT NULL,
  revoked_on TEXT,
  revoked_reason TEXT,
  created_at TEXT NOT NULL
);

-- A placement is identified by the person, the employer and the start date.
ALTER TABLE placements ADD COLUMN evidence_note TEXT;
CREATE UNIQUE INDEX placements_key ON placements(candidate_id, employer_name, start_date);

-- The checks at 3, 6 and 12 months after a placement's start: is the person still employed?
CREATE TABLE placement_followups (
  placement_id BIGINT NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
  months INTEGER NOT NULL CHECK (months IN (3, 6, 12)),
  still_employed INTEGER NOT NULL CHECK (still_employed IN (0, 1)),
  checked_on TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (placement_id, months)
);

-- A target's period; empty: the convention's period.
ALTER TABLE convention_targets ADD COLUMN start_date TEXT;
ALTER TABLE convention_targets ADD COLUMN end_date TEXT;

-- Result-based payments: an amount per learner on each basis (enrolled, certified, inserted at
-- 6 months), for the operators party to the convention.
CREATE TABLE payment_tranches (
  id INTEGER PRIMARY KEY,
  convention_id BIGINT NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  basis TEXT NOT NULL CHECK (basis IN ('enrolled', 'certified', 'inserted_6m')),
  amount_centimes BIGINT NOT NULL CHECK (amount_centimes >= 0),
  UNIQUE (convention_id, basis)
);

-- The dashboard's funnel counts distinct applicants and admitted candidates: scans of these two
-- partial indexes, in candidate order, instead of the whole applications table.
CREATE INDEX applications_submitted ON applications(candidate_id, cohort_id) WHERE status <> 'draft';
CREATE INDEX applications_admitted ON applications(candidate_id, cohort_id) WHERE status IN ('offered', 'accepted');
