-- Several stateless instances over one database: long jobs that never run twice at once, the
-- version of the data that shared caches are keyed on, and login rate-limit counters.

-- A long job (an allocation run, its publication, a large import, a national export). At most one
-- job per lock key is running at any time, whatever instance started it: the partial unique index
-- refuses a second one. The instance running a job refreshes heartbeat_at; a job whose instance
-- stopped (heartbeat too old, or the same instance restarted) is marked failed. Its work is one
-- transaction, so a failed job has written nothing.
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,                 -- allocation_run, publication, import, export
  lock_key TEXT NOT NULL,             -- e.g. "round:12", "import", "export:candidates"
  status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  instance TEXT NOT NULL,             -- the instance running it (--instance, default host:port)
  user_id BIGINT REFERENCES users(id),
  actor TEXT NOT NULL,                -- e-mail, or "cli"
  phase TEXT NOT NULL DEFAULT '',     -- reading, checking, writing...
  done BIGINT NOT NULL DEFAULT 0,     -- progress: units done of total (rows, candidates)
  total BIGINT NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT                        -- a short summary, or the reason it failed
);
CREATE UNIQUE INDEX jobs_one_running ON jobs(lock_key) WHERE status = 'running';
CREATE INDEX jobs_started ON jobs(started_at);

-- How many committed writes each scope of data has seen ("all", and a few kinds such as
-- "offers"). Bumped inside the writing transaction; a cached result computed at one version is
-- stale at another, in every instance.
CREATE TABLE data_versions (
  scope TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (scope, version) VALUES ('all', 0);

-- Failed sign-ins counted per bucket ("account:EMAIL", "address:IP") in fixed windows, shared by
-- every instance.
CREATE TABLE login_failures (
  bucket TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  failures INTEGER NOT NULL
);
