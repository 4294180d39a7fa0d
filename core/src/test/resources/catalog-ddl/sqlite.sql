CREATE TABLE IF NOT EXISTS ds_schema_version (version INTEGER NOT NULL, description TEXT NOT NULL, applied_at INTEGER NOT NULL, PRIMARY KEY (version))
-- migration 1
CREATE TABLE IF NOT EXISTS ds_tables (table_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, location TEXT NOT NULL, table_uuid TEXT NOT NULL, created_at INTEGER NOT NULL, head_version INTEGER NOT NULL, head_timestamp INTEGER NOT NULL, mirrored_version INTEGER NOT NULL, mirror_blocked TEXT)
CREATE UNIQUE INDEX IF NOT EXISTS ds_tables_name ON ds_tables (name)
CREATE TABLE IF NOT EXISTS ds_commits (table_id INTEGER NOT NULL, version INTEGER NOT NULL, commit_timestamp INTEGER NOT NULL, commit_id TEXT NOT NULL, operation TEXT, commit_info TEXT, is_blind_append INTEGER NOT NULL, changes_metadata INTEGER NOT NULL, changes_protocol INTEGER NOT NULL, has_txn INTEGER NOT NULL, has_domain INTEGER NOT NULL, num_added_files INTEGER NOT NULL, num_removed_files INTEGER NOT NULL, num_actions INTEGER NOT NULL, num_files INTEGER NOT NULL, size_bytes INTEGER NOT NULL, origin INTEGER NOT NULL, mirror_state INTEGER NOT NULL, mirror_error TEXT, PRIMARY KEY (table_id, version))
CREATE INDEX IF NOT EXISTS ds_commits_time ON ds_commits (table_id, commit_timestamp)
CREATE UNIQUE INDEX IF NOT EXISTS ds_commits_commit_id ON ds_commits (commit_id)
CREATE INDEX IF NOT EXISTS ds_commits_mirror ON ds_commits (mirror_state, table_id, version)
CREATE TABLE IF NOT EXISTS ds_actions (table_id INTEGER NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL, action_type TEXT NOT NULL, action_json TEXT NOT NULL, PRIMARY KEY (table_id, version, seq))
CREATE INDEX IF NOT EXISTS ds_actions_type ON ds_actions (table_id, action_type, version)
CREATE TABLE IF NOT EXISTS ds_files (table_id INTEGER NOT NULL, file_key TEXT NOT NULL, added_version INTEGER NOT NULL, removed_version INTEGER, path TEXT NOT NULL, dv_id TEXT, size_bytes INTEGER NOT NULL, modification_time INTEGER NOT NULL, data_change INTEGER NOT NULL, partition_values TEXT NOT NULL, add_json TEXT NOT NULL, PRIMARY KEY (file_key, added_version))
CREATE INDEX IF NOT EXISTS ds_files_active ON ds_files (table_id, removed_version)
CREATE INDEX IF NOT EXISTS ds_files_added ON ds_files (table_id, added_version)
CREATE TABLE IF NOT EXISTS ds_app_txns (table_id INTEGER NOT NULL, app_id TEXT NOT NULL, version INTEGER NOT NULL, txn_version INTEGER NOT NULL, last_updated INTEGER, PRIMARY KEY (table_id, app_id, version))
CREATE INDEX IF NOT EXISTS ds_app_txns_version ON ds_app_txns (table_id, version)
CREATE TABLE IF NOT EXISTS ds_domains (table_id INTEGER NOT NULL, domain TEXT NOT NULL, version INTEGER NOT NULL, configuration TEXT NOT NULL, removed INTEGER NOT NULL, PRIMARY KEY (table_id, domain, version))
CREATE INDEX IF NOT EXISTS ds_domains_version ON ds_domains (table_id, version)
-- migration 2
ALTER TABLE ds_files ADD COLUMN stats TEXT
ALTER TABLE ds_files ADD COLUMN plain_add INTEGER
ALTER TABLE ds_files ADD COLUMN partition_hash TEXT
CREATE INDEX IF NOT EXISTS ds_files_partition ON ds_files (table_id, partition_hash, removed_version)
-- migration 3
CREATE TABLE IF NOT EXISTS ds_file_checkpoints (table_id INTEGER NOT NULL, version INTEGER NOT NULL, list_id TEXT NOT NULL, part INTEGER NOT NULL, parts INTEGER NOT NULL, files INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (table_id, version, list_id, part))
-- migration 4
CREATE TABLE IF NOT EXISTS ds_file_checkpoint_ranges (table_id INTEGER NOT NULL, version INTEGER NOT NULL, list_id TEXT NOT NULL, part INTEGER NOT NULL, first_hash TEXT, last_hash TEXT, files INTEGER NOT NULL, PRIMARY KEY (table_id, version, list_id, part))
-- migration 5
ALTER TABLE ds_files ADD COLUMN path_key TEXT
CREATE INDEX IF NOT EXISTS ds_files_path ON ds_files (path_key, added_version)
-- migration 6
CREATE TABLE IF NOT EXISTS ds_staged_commits (table_id INTEGER NOT NULL, version INTEGER NOT NULL, file_name TEXT NOT NULL, file_size INTEGER NOT NULL, file_modification_time INTEGER NOT NULL, PRIMARY KEY (table_id, version))
CREATE UNIQUE INDEX IF NOT EXISTS ds_tables_uuid ON ds_tables (table_uuid)
