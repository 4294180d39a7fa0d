package io.deltasql.core.internal.store;

/**
 * The SQL of the log's content: {@code ds_actions} (every action's original JSON, by version and
 * position), and the state some actions carry, {@code ds_app_txns} and {@code ds_domains}.
 */
final class LogSql {
    private LogSql() {}

    static final String INSERT_ACTION =
            "INSERT INTO ds_actions (table_id, version, seq, action_type, action_json) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_APP_TXN =
            "INSERT INTO ds_app_txns (table_id, app_id, version, txn_version, last_updated) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_DOMAIN =
            "INSERT INTO ds_domains (table_id, domain, version, configuration, removed) VALUES (?, ?, ?, ?, ?)";

    // The version first, from the (table_id, action_type, version) index alone: ordering the actions
    // themselves by version made SQLite walk the primary key back to version 0.
    static final String LATEST_ACTION_OF_TYPE =
            "SELECT action_json FROM ds_actions WHERE table_id = ? AND action_type = ?"
                    + " AND version = (SELECT MAX(version) FROM ds_actions WHERE table_id = ? AND action_type = ? AND version <= ?)"
                    + " ORDER BY seq DESC";
    static final String ACTIONS_OF_VERSION =
            "SELECT action_json FROM ds_actions WHERE table_id = ? AND version = ? ORDER BY seq";
    /** The original JSON lines of one version, what the mirror writes to its {@code _delta_log} file. */
    static final String LINES_OF_VERSION =
            "SELECT action_json FROM ds_actions WHERE table_id = ? AND version = ? ORDER BY seq";

    /**
     * The actions of versions from..to (inclusive) in log order, of {@code actionTypes} kinds only
     * (all kinds when 0): parameters are table, from, to, then the kinds.
     */
    static String actionsBetween(int actionTypes) {
        return "SELECT version, seq, action_type, action_json FROM ds_actions WHERE table_id = ? AND version >= ? AND version <= ?"
                + (actionTypes > 0 ? " AND action_type IN (" + Placeholders.of(actionTypes) + ")" : "")
                + " ORDER BY version, seq";
    }

    /**
     * A whole header in one round trip (what a cold snapshot reads first): rows tagged by their
     * first column: 0 the commit row (timestamp, files, bytes), 1 and 2 the protocol and metaData
     * actions of the latest version that has one (seq in the fourth column; the last one counts),
     * 3 the transactions (app id, version), 4 the domains (domain, configuration, removed).
     * Parameters: table, version; then (table, table, version) twice; then (table, version, table) twice.
     */
    static final String HEADER_AT = "SELECT 0, '', '', commit_timestamp, num_files, size_bytes FROM ds_commits"
            + " WHERE table_id = ? AND version = ?"
            + " UNION ALL " + latestActionRows(1, "protocol")
            + " UNION ALL " + latestActionRows(2, "metaData")
            + " UNION ALL SELECT 3, t.app_id, '', t.txn_version, 0, 0 FROM ds_app_txns t JOIN (SELECT app_id, MAX(version) AS mv"
            + " FROM ds_app_txns WHERE table_id = ? AND version <= ? GROUP BY app_id) m ON t.app_id = m.app_id AND t.version = m.mv"
            + " WHERE t.table_id = ?"
            + " UNION ALL SELECT 4, d.domain, d.configuration, d.removed, 0, 0 FROM ds_domains d JOIN (SELECT domain, MAX(version) AS mv"
            + " FROM ds_domains WHERE table_id = ? AND version <= ? GROUP BY domain) m ON d.domain = m.domain AND d.version = m.mv"
            + " WHERE d.table_id = ?";

    private static String latestActionRows(int tag, String type) {
        return "SELECT " + tag + ", action_json, '', seq, 0, 0 FROM ds_actions WHERE table_id = ? AND action_type = '"
                + type + "'"
                + " AND version = (SELECT MAX(version) FROM ds_actions WHERE table_id = ? AND action_type = '" + type
                + "'"
                + " AND version <= ?)";
    }

    static final String APP_TXNS_BETWEEN = "SELECT app_id, txn_version, version FROM ds_app_txns WHERE table_id = ?"
            + " AND version > ? AND version <= ? ORDER BY version";
    static final String DOMAINS_BETWEEN =
            "SELECT domain, configuration, removed, version FROM ds_domains WHERE table_id = ?"
                    + " AND version > ? AND version <= ? ORDER BY version";
}
