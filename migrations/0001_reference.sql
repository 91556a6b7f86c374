-- Reference data: the regions and the training catalogue (tracks and their skills).
-- Portable SQL: SQLite and PostgreSQL. "INTEGER PRIMARY KEY" is rewritten to an identity column
-- on PostgreSQL by the migration runner; dates are ISO 8601 text, times ISO 8601 UTC text.

CREATE TABLE regions (
  code TEXT PRIMARY KEY,            -- "01".."12", the official order
  name_fr TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  population_share DOUBLE PRECISION NOT NULL DEFAULT 0
);

CREATE TABLE tracks (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,        -- dev-front, dev-back, dev-fullstack, data, ai, cyber, sap, salesforce, servicenow
  name_fr TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  duration_weeks INTEGER NOT NULL CHECK (duration_weeks > 0),
  version INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE skills (
  code TEXT PRIMARY KEY,
  name_fr TEXT NOT NULL,
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL,
  skill_group TEXT NOT NULL
);

CREATE TABLE track_skills (
  track_id BIGINT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
  skill_code TEXT NOT NULL REFERENCES skills(code),
  PRIMARY KEY (track_id, skill_code)
);
