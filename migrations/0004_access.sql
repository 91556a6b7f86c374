-- Who may do what: users, sessions, API tokens, and the audit log of every write and export.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,         -- lower case
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,        -- argon2id, libsodium's encoded string
  role TEXT NOT NULL CHECK (role IN ('admin', 'steering', 'operator', 'employer', 'candidate')),
  organisation_id BIGINT REFERENCES organisations(id),
  candidate_id BIGINT REFERENCES candidates(id),
  locale TEXT NOT NULL DEFAULT 'fr',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- A signed-in browser or API client. Only a hash of the token is stored.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Long-lived tokens for scripts and integrations. Only a hash of the token is stored.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id BIGINT,                    -- NULL for the command line
  actor TEXT NOT NULL,               -- email, or "cli"
  action TEXT NOT NULL,              -- create, update, delete, import, export, login, logout
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT,
  detail TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);
