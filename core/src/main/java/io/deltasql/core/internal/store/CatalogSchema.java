package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.ColumnType.BIGINT;
import static io.deltasql.core.internal.store.ColumnType.BLOB;
import static io.deltasql.core.internal.store.ColumnType.IDENTITY;
import static io.deltasql.core.internal.store.ColumnType.KEY32;
import static io.deltasql.core.internal.store.ColumnType.NAME;
import static io.deltasql.core.internal.store.ColumnType.SMALLINT;
import static io.deltasql.core.internal.store.ColumnType.TEXT;
import static io.deltasql.core.internal.store.TableDef.col;
import static io.deltasql.core.internal.store.TableDef.index;
import static io.deltasql.core.internal.store.TableDef.nullable;
import static io.deltasql.core.internal.store.TableDef.unique;

import java.util.List;

/**
 * The catalog's own schema as versioned migrations. Version 1 normalises the Delta log: a table
 * registry with one head row per table (the row a commit locks and advances), one row per
 * commit, every action's original JSON, file lifetimes (so the latest snapshot is one index
 * range and any older one a range condition), application transactions and domain metadata.
 * The tables are described once, dialect-neutrally; {@link CatalogDdl} renders them for a
 * database, and each table family's statements live in its own class ({@link TableSql},
 * {@link CommitSql}, {@link LogSql}, {@link FileSql}, {@link FileCheckpointSql},
 * {@link MirrorSql}, {@link SchemaVersionSql}).
 */
final class CatalogSchema {
    /**
     * One schema change, applied in order and recorded in {@code ds_schema_version}: new tables,
     * then new (nullable) columns and indexes on existing tables, then a data step that fills the
     * new columns of existing rows.
     */
    record Migration(
            int version,
            String description,
            List<TableDef> tables,
            List<AddedColumn> columns,
            List<AddedIndex> indexes,
            Dialect.SqlWork backfill) {
        Migration(int version, String description, List<TableDef> tables) {
            this(version, description, tables, List.of(), List.of(), c -> {});
        }
    }

    /** A nullable column added to an existing table. */
    record AddedColumn(String table, TableDef.Column column) {}

    /** An index added to an existing table. */
    record AddedIndex(String table, TableDef.Index index) {}

    static final TableDef SCHEMA_VERSION = new TableDef(
            "ds_schema_version",
            List.of(col("version", BIGINT), col("description", NAME), col("applied_at", BIGINT)),
            List.of("version"),
            List.of());

    static final TableDef TABLES = new TableDef(
            "ds_tables",
            List.of(
                    col("table_id", IDENTITY),
                    col("name", NAME),
                    col("location", TEXT),
                    col("table_uuid", KEY32),
                    col("created_at", BIGINT),
                    col("head_version", BIGINT),
                    col("head_timestamp", BIGINT),
                    col("mirrored_version", BIGINT),
                    nullable("mirror_blocked", TEXT)),
            List.of("table_id"),
            List.of(unique("ds_tables_name", "name")));

    static final TableDef COMMITS = new TableDef(
            "ds_commits",
            List.of(
                    col("table_id", BIGINT),
                    col("version", BIGINT),
                    col("commit_timestamp", BIGINT),
                    col("commit_id", NAME),
                    nullable("operation", NAME),
                    nullable("commit_info", TEXT),
                    col("is_blind_append", SMALLINT),
                    col("changes_metadata", SMALLINT),
                    col("changes_protocol", SMALLINT),
                    col("has_txn", SMALLINT),
                    col("has_domain", SMALLINT),
                    col("num_added_files", BIGINT),
                    col("num_removed_files", BIGINT),
                    col("num_actions", BIGINT),
                    col("num_files", BIGINT),
                    col("size_bytes", BIGINT),
                    col("origin", SMALLINT),
                    col("mirror_state", SMALLINT),
                    nullable("mirror_error", TEXT)),
            List.of("table_id", "version"),
            List.of(
                    index("ds_commits_time", "table_id", "commit_timestamp"),
                    unique("ds_commits_commit_id", "commit_id"),
                    index("ds_commits_mirror", "mirror_state", "table_id", "version")));

    static final TableDef ACTIONS = new TableDef(
            "ds_actions",
            List.of(
                    col("table_id", BIGINT),
                    col("version", BIGINT),
                    col("seq", BIGINT),
                    col("action_type", NAME),
                    col("action_json", TEXT)),
            List.of("table_id", "version", "seq"),
            List.of(index("ds_actions_type", "table_id", "action_type", "version")));

    static final TableDef FILES = new TableDef(
            "ds_files",
            List.of(
                    col("table_id", BIGINT),
                    col("file_key", KEY32),
                    col("added_version", BIGINT),
                    nullable("removed_version", BIGINT),
                    col("path", TEXT),
                    nullable("dv_id", TEXT),
                    col("size_bytes", BIGINT),
                    col("modification_time", BIGINT),
                    col("data_change", SMALLINT),
                    col("partition_values", TEXT),
                    col("add_json", TEXT)),
            List.of("file_key", "added_version"),
            List.of(
                    index("ds_files_active", "table_id", "removed_version"),
                    index("ds_files_added", "table_id", "added_version")));

    static final TableDef APP_TXNS = new TableDef(
            "ds_app_txns",
            List.of(
                    col("table_id", BIGINT),
                    col("app_id", NAME),
                    col("version", BIGINT),
                    col("txn_version", BIGINT),
                    nullable("last_updated", BIGINT)),
            List.of("table_id", "app_id", "version"),
            List.of(index("ds_app_txns_version", "table_id", "version")));

    static final TableDef DOMAINS = new TableDef(
            "ds_domains",
            List.of(
                    col("table_id", BIGINT),
                    col("domain", NAME),
                    col("version", BIGINT),
                    col("configuration", TEXT),
                    col("removed", SMALLINT)),
            List.of("table_id", "domain", "version"),
            List.of(index("ds_domains_version", "table_id", "version")));

    /**
     * File-list checkpoints (version 3): a table's active files at one version as binary parts
     * (see {@link FileListCodec}), derived from ds_files and rewritten in the background.
     */
    static final TableDef FILE_CHECKPOINTS = new TableDef(
            "ds_file_checkpoints",
            List.of(
                    col("table_id", BIGINT),
                    col("version", BIGINT),
                    col("list_id", KEY32),
                    col("part", BIGINT),
                    col("parts", BIGINT),
                    col("files", BIGINT),
                    col("data", BLOB)),
            List.of("table_id", "version", "list_id", "part"),
            List.of());

    /**
     * The partitions each part of a file-list checkpoint holds (version 4): parts store files
     * clustered by partition in order of their partition hash, so a part holds the contiguous
     * range [first_hash, last_hash]; a partition-filtered read decodes only the parts whose range
     * holds a wanted hash. One row per part, written before the checkpoint's part 0.
     */
    static final TableDef FILE_CHECKPOINT_RANGES = new TableDef(
            "ds_file_checkpoint_ranges",
            List.of(
                    col("table_id", BIGINT),
                    col("version", BIGINT),
                    col("list_id", KEY32),
                    col("part", BIGINT),
                    nullable("first_hash", KEY32),
                    nullable("last_hash", KEY32),
                    col("files", BIGINT)),
            List.of("table_id", "version", "list_id", "part"),
            List.of());

    /**
     * The staged commit files of catalog-managed tables' versions (version 6): a version ratified from
     * a client's staged commit keeps the name, size and time of that file, which the catalog returns
     * to clients until the version is published as {@code <v>.json}; deltasql stages its own commits
     * there too when a client asks for them before they are published.
     */
    static final TableDef STAGED_COMMITS = new TableDef(
            "ds_staged_commits",
            List.of(
                    col("table_id", BIGINT),
                    col("version", BIGINT),
                    col("file_name", TEXT),
                    col("file_size", BIGINT),
                    col("file_modification_time", BIGINT)),
            List.of("table_id", "version"),
            List.of());

    /**
     * Version 2 lets a snapshot load read columns instead of parsing every add's JSON: the stats
     * string, whether the add has nothing beyond the columns (then {@code add_json} is not read),
     * and a hash of the partition values that an index finds one partition by. Existing rows keep
     * {@code plain_add} NULL (read from {@code add_json} as before) and get their hash backfilled.
     * Version 5 gives a file with a deletion vector, whose file key digests the vector too, the key
     * of its path alone ({@link FileKeys#pathKey}), so a path is looked up by index on any table.
     */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(
                    1,
                    "delta log store: tables, commits, actions, files, app transactions, domains",
                    List.of(TABLES, COMMITS, ACTIONS, FILES, APP_TXNS, DOMAINS)),
            new Migration(
                    2,
                    "file columns for fast snapshot loads: stats, plain_add, partition_hash (indexed)",
                    List.of(),
                    List.of(
                            new AddedColumn("ds_files", nullable("stats", TEXT)),
                            new AddedColumn("ds_files", nullable("plain_add", SMALLINT)),
                            new AddedColumn("ds_files", nullable("partition_hash", KEY32))),
                    List.of(new AddedIndex(
                            "ds_files", index("ds_files_partition", "table_id", "partition_hash", "removed_version"))),
                    FileColumnBackfill.PARTITION_HASH::run),
            new Migration(
                    3,
                    "file-list checkpoints: a table's active files stored whole for fast cold loads",
                    List.of(FILE_CHECKPOINTS)),
            new Migration(
                    4,
                    "file-list checkpoint ranges: the partitions each checkpoint part holds",
                    List.of(FILE_CHECKPOINT_RANGES)),
            new Migration(
                    5,
                    "path keys: files with a deletion vector found by path through an index",
                    List.of(),
                    List.of(new AddedColumn("ds_files", nullable("path_key", KEY32))),
                    List.of(new AddedIndex("ds_files", index("ds_files_path", "path_key", "added_version"))),
                    FileColumnBackfill.PATH_KEY::run),
            new Migration(
                    6,
                    "catalog-managed tables: staged commit files, tables found by their table id (unique uuid)",
                    List.of(STAGED_COMMITS),
                    List.of(),
                    List.of(new AddedIndex("ds_tables", unique("ds_tables_uuid", "table_uuid"))),
                    c -> {}));

    /** The schema version this build writes and expects. */
    static final int CURRENT_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private CatalogSchema() {}
}
