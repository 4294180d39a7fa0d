CREATE TABLE IF NOT EXISTS ds_schema_version (version BIGINT NOT NULL, description VARCHAR(512) NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- migration 1
CREATE TABLE IF NOT EXISTS ds_tables (table_id BIGINT AUTO_INCREMENT NOT NULL, name VARCHAR(512) NOT NULL, location LONGTEXT NOT NULL, table_uuid CHAR(32) NOT NULL, created_at BIGINT NOT NULL, head_version BIGINT NOT NULL, head_timestamp BIGINT NOT NULL, mirrored_version BIGINT NOT NULL, mirror_blocked LONGTEXT, PRIMARY KEY (table_id), UNIQUE KEY ds_tables_name (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE TABLE IF NOT EXISTS ds_commits (table_id BIGINT NOT NULL, version BIGINT NOT NULL, commit_timestamp BIGINT NOT NULL, commit_id VARCHAR(512) NOT NULL, operation VARCHAR(512), commit_info LONGTEXT, is_blind_append SMALLINT NOT NULL, changes_metadata SMALLINT NOT NULL, changes_protocol SMALLINT NOT NULL, has_txn SMALLINT NOT NULL, has_domain SMALLINT NOT NULL, num_added_files BIGINT NOT NULL, num_removed_files BIGINT NOT NULL, num_actions BIGINT NOT NULL, num_files BIGINT NOT NULL, size_bytes BIGINT NOT NULL, origin SMALLINT NOT NULL, mirror_state SMALLINT NOT NULL, mirror_error LONGTEXT, PRIMARY KEY (table_id, version), KEY ds_commits_time (table_id, commit_timestamp), UNIQUE KEY ds_commits_commit_id (commit_id), KEY ds_commits_mirror (mirror_state, table_id, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE TABLE IF NOT EXISTS ds_actions (table_id BIGINT NOT NULL, version BIGINT NOT NULL, seq BIGINT NOT NULL, action_type VARCHAR(512) NOT NULL, action_json LONGTEXT NOT NULL, PRIMARY KEY (table_id, version, seq), KEY ds_actions_type (table_id, action_type, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE TABLE IF NOT EXISTS ds_files (table_id BIGINT NOT NULL, file_key CHAR(32) NOT NULL, added_version BIGINT NOT NULL, removed_version BIGINT, path LONGTEXT NOT NULL, dv_id LONGTEXT, size_bytes BIGINT NOT NULL, modification_time BIGINT NOT NULL, data_change SMALLINT NOT NULL, partition_values LONGTEXT NOT NULL, add_json LONGTEXT NOT NULL, PRIMARY KEY (file_key, added_version), KEY ds_files_active (table_id, removed_version), KEY ds_files_added (table_id, added_version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE TABLE IF NOT EXISTS ds_app_txns (table_id BIGINT NOT NULL, app_id VARCHAR(512) NOT NULL, version BIGINT NOT NULL, txn_version BIGINT NOT NULL, last_updated BIGINT, PRIMARY KEY (table_id, app_id, version), KEY ds_app_txns_version (table_id, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE TABLE IF NOT EXISTS ds_domains (table_id BIGINT NOT NULL, domain VARCHAR(512) NOT NULL, version BIGINT NOT NULL, configuration LONGTEXT NOT NULL, removed SMALLINT NOT NULL, PRIMARY KEY (table_id, domain, version), KEY ds_domains_version (table_id, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- migration 2
ALTER TABLE ds_files ADD COLUMN IF NOT EXISTS stats LONGTEXT
ALTER TABLE ds_files ADD COLUMN IF NOT EXISTS plain_add SMALLINT
ALTER TABLE ds_files ADD COLUMN IF NOT EXISTS partition_hash CHAR(32)
CREATE INDEX IF NOT EXISTS ds_files_partition ON ds_files (table_id, partition_hash, removed_version)
-- migration 3
CREATE TABLE IF NOT EXISTS ds_file_checkpoints (table_id BIGINT NOT NULL, version BIGINT NOT NULL, list_id CHAR(32) NOT NULL, part BIGINT NOT NULL, parts BIGINT NOT NULL, files BIGINT NOT NULL, data LONGBLOB NOT NULL, PRIMARY KEY (table_id, version, list_id, part)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- migration 4
CREATE TABLE IF NOT EXISTS ds_file_checkpoint_ranges (table_id BIGINT NOT NULL, version BIGINT NOT NULL, list_id CHAR(32) NOT NULL, part BIGINT NOT NULL, first_hash CHAR(32), last_hash CHAR(32), files BIGINT NOT NULL, PRIMARY KEY (table_id, version, list_id, part)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
-- migration 5
ALTER TABLE ds_files ADD COLUMN IF NOT EXISTS path_key CHAR(32)
CREATE INDEX IF NOT EXISTS ds_files_path ON ds_files (path_key, added_version)
-- migration 6
CREATE TABLE IF NOT EXISTS ds_staged_commits (table_id BIGINT NOT NULL, version BIGINT NOT NULL, file_name LONGTEXT NOT NULL, file_size BIGINT NOT NULL, file_modification_time BIGINT NOT NULL, PRIMARY KEY (table_id, version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
CREATE UNIQUE INDEX IF NOT EXISTS ds_tables_uuid ON ds_tables (table_uuid)
