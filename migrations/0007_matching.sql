-- Employers' demand and its matching with learners (docs/matching.md): the employer's profile,
-- job offers and the skills they require or would like, the skills learners declare, a learner's
-- consent to be seen by employers, and employers' contact requests.

-- Other names people give a skill ("js" for JavaScript), '|'-separated, to find it when typing.
ALTER TABLE skills ADD COLUMN synonyms TEXT;

-- The employer's (or any organisation's) public profile and the person to contact there.
ALTER TABLE organisations ADD COLUMN description TEXT;
ALTER TABLE organisations ADD COLUMN website TEXT;
ALTER TABLE organisations ADD COLUMN contact_name TEXT;
ALTER TABLE organisations ADD COLUMN contact_email TEXT;
ALTER TABLE organisations ADD COLUMN contact_phone TEXT;

-- A job offer. Amounts in integer centimes of MAD. A remote offer still names the employer's
-- region; matching "same region only" lets it through for every region.
CREATE TABLE job_offers (
  id INTEGER PRIMARY KEY,
  employer_id BIGINT NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  description TEXT,
  region_code TEXT NOT NULL REFERENCES regions(code),
  city TEXT,
  remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
  contract_type TEXT NOT NULL
    CHECK (contract_type IN ('cdi', 'cdd', 'freelance', 'self_employed', 'internship')),
  positions INTEGER NOT NULL DEFAULT 1 CHECK (positions >= 1),
  salary_min_centimes BIGINT,
  salary_max_centimes BIGINT,
  start_date TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX job_offers_employer ON job_offers(employer_id);
CREATE INDEX job_offers_open ON job_offers(region_code) WHERE status = 'open';

CREATE TABLE offer_required_skills (
  offer_id BIGINT NOT NULL REFERENCES job_offers(id) ON DELETE CASCADE,
  skill_code TEXT NOT NULL REFERENCES skills(code),
  PRIMARY KEY (offer_id, skill_code)
);
CREATE TABLE offer_nice_skills (
  offer_id BIGINT NOT NULL REFERENCES job_offers(id) ON DELETE CASCADE,
  skill_code TEXT NOT NULL REFERENCES skills(code),
  PRIMARY KEY (offer_id, skill_code)
);

-- Skills a learner says she has beyond those validated by assessment: shown as "declared".
CREATE TABLE declared_skills (
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  skill_code TEXT NOT NULL REFERENCES skills(code),
  declared_on TEXT NOT NULL,
  PRIMARY KEY (candidate_id, skill_code)
);

-- Consents, kept as history: given with the version of the text shown, withdrawn by setting
-- withdrawn_at. The current consent for a purpose is the row not withdrawn.
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('employer_visibility')),
  text_version TEXT NOT NULL,
  given_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE UNIQUE INDEX consents_current ON consents(candidate_id, purpose) WHERE withdrawn_at IS NULL;

-- An employer asks a consenting learner, about one offer, whether she agrees to be contacted.
-- Until she accepts, the employer sees neither her CIN, nor her birth date, nor her contacts.
CREATE TABLE contact_requests (
  id INTEGER PRIMARY KEY,
  offer_id BIGINT NOT NULL REFERENCES job_offers(id) ON DELETE CASCADE,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  message TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at TEXT NOT NULL,
  answered_at TEXT,
  UNIQUE (offer_id, candidate_id)
);
CREATE INDEX contact_requests_candidate ON contact_requests(candidate_id);

-- A hire recorded from an offer becomes a placement that remembers its offer.
ALTER TABLE placements ADD COLUMN offer_id BIGINT REFERENCES job_offers(id);
CREATE INDEX placements_offer ON placements(offer_id) WHERE offer_id IS NOT NULL;

-- Matching an offer reads the holders of its few skills; the supply-demand view reads them all,
-- from the index alone.
CREATE INDEX assessments_validated_skill ON assessments(skill_code, enrolment_id) WHERE validated = 1;
CREATE INDEX declared_skills_skill ON declared_skills(skill_code);
