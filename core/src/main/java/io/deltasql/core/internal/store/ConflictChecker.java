package io.deltasql.core.internal.store;

import static io.deltasql.core.internal.store.SqlRunner.bind;

import com.fasterxml.jackson.core.type.TypeReference;
import io.deltasql.core.CommitConflictException;
import io.deltasql.core.CommitConflictException.Kind;
import io.deltasql.core.FileKey;
import io.deltasql.core.ReadPredicate;
import io.deltasql.core.TableInfo;
import io.deltasql.core.internal.commit.PreparedCommit;
import io.deltasql.core.protocol.ActionCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Delta's WriteSerializable conflict rules, checked in SQL against the commits that landed after
 * the version a commit was read at ("winners"). A commit conflicts when a winner changed the
 * metadata or protocol, removed a file it removes or read, added or removed data files its read
 * predicate covers (winners' blind appends excepted), or wrote the same application transaction
 * or domain. A blind append never conflicts.
 */
final class ConflictChecker {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private ConflictChecker() {}

    static void check(Connection c, TableInfo head, PreparedCommit commit) throws SQLException {
        long read = commit.request().readVersion();
        if (read >= head.headVersion()) {
            return;
        }
        String table = head.name();
        Set<Long> blindAppendWinners = new HashSet<>();
        boolean winnersWroteTxn = false;
        boolean winnersWroteDomain = false;
        try (PreparedStatement ps = c.prepareStatement(CommitSql.COMMITS_BETWEEN)) {
            bind(ps, head.id(), read, head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(1);
                    if (rs.getInt(2) != 0) {
                        throw new CommitConflictException(
                                table, read, v, Kind.METADATA_CHANGED, "and changed the table's metadata");
                    }
                    if (rs.getInt(3) != 0) {
                        throw new CommitConflictException(
                                table, read, v, Kind.PROTOCOL_CHANGED, "and changed the table's protocol");
                    }
                    winnersWroteTxn |= rs.getInt(4) != 0;
                    winnersWroteDomain |= rs.getInt(5) != 0;
                    if (rs.getInt(6) != 0) {
                        blindAppendWinners.add(v);
                    }
                }
            }
        }
        if (winnersWroteTxn && !commit.txns().isEmpty()) {
            checkTxns(c, head, commit, read);
        }
        if (winnersWroteDomain && !commit.domains().isEmpty()) {
            checkDomains(c, head, commit, read);
        }
        if (commit.blindAppend()) {
            return;
        }
        checkRemovedByWinners(c, head, commit, read);
        checkAddedByWinners(c, head, commit, read, blindAppendWinners);
    }

    private static void checkTxns(Connection c, TableInfo head, PreparedCommit commit, long read) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.APP_TXNS_BETWEEN)) {
            bind(ps, head.id(), read, head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (commit.txns().containsKey(rs.getString(1))) {
                        throw new CommitConflictException(
                                head.name(),
                                read,
                                rs.getLong(3),
                                Kind.CONCURRENT_TRANSACTION,
                                "a transaction of application '" + rs.getString(1) + "'");
                    }
                }
            }
        }
    }

    private static void checkDomains(Connection c, TableInfo head, PreparedCommit commit, long read)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LogSql.DOMAINS_BETWEEN)) {
            bind(ps, head.id(), read, head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (commit.domains().containsKey(rs.getString(1))) {
                        throw new CommitConflictException(
                                head.name(),
                                read,
                                rs.getLong(4),
                                Kind.CONCURRENT_DOMAIN_METADATA,
                                "domain metadata '" + rs.getString(1) + "'");
                    }
                }
            }
        }
    }

    /** Files that existed at the read version and that a winner removed. */
    private static void checkRemovedByWinners(Connection c, TableInfo head, PreparedCommit commit, long read)
            throws SQLException {
        Set<FileKey> ours = new HashSet<>(commit.removedKeys());
        Set<FileKey> readFiles = commit.request().readFiles();
        ReadPredicate predicate = commit.request().readPredicate();
        try (PreparedStatement ps = c.prepareStatement(FileSql.WINNER_REMOVED_KEYS)) {
            bind(ps, head.id(), read, head.headVersion(), read);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FileKey key = new FileKey(rs.getString(1), rs.getString(2));
                    long v = rs.getLong(3);
                    if (ours.contains(key)) {
                        throw new CommitConflictException(
                                head.name(),
                                read,
                                v,
                                Kind.CONCURRENT_DELETE_DELETE,
                                "and removed file " + key + " that this commit removes too");
                    }
                    if (readFiles.contains(key)
                            || !predicate.isNone() && predicate.matches(partitionValues(rs.getString(4)))) {
                        throw new CommitConflictException(
                                head.name(),
                                read,
                                v,
                                Kind.CONCURRENT_DELETE_READ,
                                "and removed file " + key + " that this commit read (" + predicate + ")");
                    }
                }
            }
        }
    }

    /** Data files a winner added that this commit's read predicate covers (blind appends excepted unless metadata changes). */
    private static void checkAddedByWinners(
            Connection c, TableInfo head, PreparedCommit commit, long read, Set<Long> blindAppendWinners)
            throws SQLException {
        ReadPredicate predicate = commit.request().readPredicate();
        if (predicate.isNone()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(FileSql.WINNER_ADDED_FILES)) {
            bind(ps, head.id(), read, head.headVersion());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long v = rs.getLong(3);
                    boolean dataChange = rs.getInt(4) != 0;
                    if (!dataChange || blindAppendWinners.contains(v) && !commit.changesMetadata()) {
                        continue;
                    }
                    if (predicate.matches(partitionValues(rs.getString(2)))) {
                        throw new CommitConflictException(
                                head.name(),
                                read,
                                v,
                                Kind.CONCURRENT_APPEND,
                                "and added file '" + rs.getString(1) + "' that matches what this commit read ("
                                        + predicate + ")");
                    }
                }
            }
        }
    }

    private static Map<String, String> partitionValues(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> m = ActionCodec.mapper().readValue(json, STRING_MAP);
            return m == null ? new HashMap<>() : m;
        } catch (Exception e) {
            throw new IllegalStateException("catalog holds malformed partition values " + json, e);
        }
    }
}
