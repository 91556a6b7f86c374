-- The programme's partners and their places: organisations, sites, partnership agreements.

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ministry', 'funder', 'operator', 'institution', 'employer')),
  region_code TEXT REFERENCES regions(code),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organisations_kind ON organisations(kind);

CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  city TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sites_organisation ON sites(organisation_id);
CREATE INDEX sites_region ON sites(region_code);

-- A partnership agreement: parties, region scope, period, learner targets by track.
CREATE TABLE conventions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  learner_target INTEGER NOT NULL DEFAULT 0 CHECK (learner_target >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (end_date >= start_date)
);

CREATE TABLE convention_parties (
  convention_id BIGINT NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL DEFAULT 'party',  -- e.g. operator, institution, funder
  PRIMARY KEY (convention_id, organisation_id)
);
CREATE INDEX convention_parties_organisation ON convention_parties(organisation_id);

CREATE TABLE convention_regions (
  convention_id BIGINT NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  region_code TEXT NOT NULL REFERENCES regions(code),
  PRIMARY KEY (convention_id, region_code)
);

-- Learner targets by track (track_id NULL: all tracks) within the convention's regions and period.
CREATE TABLE convention_targets (
  id INTEGER PRIMARY KEY,
  convention_id BIGINT NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  track_id BIGINT REFERENCES tracks(id),
  region_code TEXT REFERENCES regions(code),
  learners INTEGER NOT NULL CHECK (learners >= 0)
);
CREATE INDEX convention_targets_convention ON convention_targets(convention_id);
