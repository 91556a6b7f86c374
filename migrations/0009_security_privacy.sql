-- Security and privacy (docs/security.md, docs/privacy.md): a second factor for staff accounts,
-- requests by candidates to correct what is held about them, and the anonymisation of candidates
-- whose retention period has ended.

-- Time-based one-time passwords (RFC 6238), optional, for admin and steering accounts. The secret
-- is shown once to the user; it becomes active when she has typed a first valid code. A code is
-- accepted once: totp_last_step is the last time step used.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
ALTER TABLE users ADD COLUMN password_changed_at TEXT;

-- A candidate asks that something held about her be corrected (law 09-08, right of rectification).
-- The programme office or her operator answers: done (and corrects the record) or refused, with a reason.
CREATE TABLE correction_requests (
  id INTEGER PRIMARY KEY,
  candidate_id BIGINT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  requested_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
  field TEXT NOT NULL,
  requested_value TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'refused')),
  created_at TEXT NOT NULL,
  answered_at TEXT,
  answered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
  answer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX correction_requests_candidate ON correction_requests(candidate_id);
CREATE INDEX correction_requests_status ON correction_requests(status);

-- Set by `jobintech retention` when the candidate's personal data were replaced by neutral values.
ALTER TABLE candidates ADD COLUMN anonymised_at TEXT;

-- The admins' search of the audit log: by who, and by what was read or exported.
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_action ON audit_log(action, at);
