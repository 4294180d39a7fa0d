package io.deltasql.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.mirror.MirrorReconciler;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import io.deltasql.core.testing.stores.FaultProxy;
import io.deltasql.core.testing.stores.S3TestServer;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mirror's target becomes unwritable while commits go on, then writable again. Commits keep
 * succeeding (the catalog is authoritative), {@code sys.mirror} shows the backlog and the reason,
 * and once the directory is writable {@link MirrorReconciler} (what {@code bin/deltasql mirror} runs)
 * writes every pending version, after which Delta Kernel reads each log exactly as the catalog has
 * it at every version ({@link TableVerifier}).
 *
 * <p>The directory is made read-only with {@code chmod}; where that does not stop writes (tests
 * running as root), {@code _delta_log} is moved aside and a regular file put in its place.
 */
class MirrorFaultTest {
    static Stream<CatalogTarget> targets() {
        return Stream.of(CatalogTargets.SQLITE, CatalogTargets.EMBEDDED_POSTGRES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void commitsSurviveAnUnwritableLogAndTheMirrorCatchesUp(CatalogTarget target) throws Exception {
        Path dir = RunDirs.fresh("mirror-" + target.name());
        try (CatalogTarget.TestCatalog db = target.create();
                Connection c = DriverManager.getConnection(
                        "jdbc:deltasql:" + db.jdbcUrl().substring("jdbc:".length()));
                Statement s = c.createStatement()) {
            for (String t : List.of("t", "u")) {
                s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + t + "', '"
                        + dir.resolve(t) + "', '" + Fixtures.SCHEMA + "')");
            }
            for (int i = 0; i < 3; i++) {
                s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('before-" + i + "', 1)");
            }
            Path log = dir.resolve("t").resolve("_delta_log");
            assertThat(log.resolve("00000000000000000003.json")).exists();

            // The mirror records written versions in the background; reading sys.mirror records them now,
            // so the fault below starts from a known state: versions 0-3 in the log and recorded.
            try (ResultSet rs = s.executeQuery("SELECT mirrored_version FROM sys.mirror WHERE table_name = 't'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
            String method = block(log);
            int committedWhileBlocked = commitDuringTheFault(c, s, 12, "blocked-");
            long pending;
            String lastError;
            try (ResultSet rs =
                    s.executeQuery("SELECT pending_versions, last_error, head_version, mirrored_version, blocked_reason"
                            + " FROM sys.mirror WHERE table_name = 't'")) {
                assertThat(rs.next()).isTrue();
                pending = rs.getLong(1);
                lastError = rs.getString(2);
                assertThat(rs.getLong(3)).isEqualTo(3 + committedWhileBlocked);
                assertThat(rs.getLong(4)).isEqualTo(3);
                assertThat(rs.getString(5)).as("shown as blocked").startsWith("location cannot be written");
            }
            assertThat(pending).as("versions waiting for the log").isEqualTo(committedWhileBlocked);
            assertThat(lastError).as("sys.mirror says why").isNotBlank();

            unblock(log, method);
            int reconciled;
            try (DeltaCatalog catalog = db.open()) {
                try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                    reconciled = reconciler.reconcile();
                }
                assertThat(catalog.mirrorStatus("t").pending()).isEmpty();
                for (String t : List.of("t", "u")) {
                    VerifyReport report = new TableVerifier(catalog).verify(t, true);
                    assertThat(report.identical())
                            .as("%s after recovery:\n%s", t, report.render())
                            .isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT blocked_reason FROM sys.mirror WHERE table_name = 't'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("no longer blocked").isNull();
            }
            // The process's own mirror carries on with the next commit.
            s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('after', 1)");
            assertThat(log.resolve(String.format("%020d.json", 4 + committedWhileBlocked)))
                    .exists();
            System.out.printf(
                    "RELIABILITY mirror target=%s method=%s committed_while_blocked=%d pending=%d reconciled=%d "
                            + "last_error=\"%s\"%n",
                    target.name(),
                    method,
                    committedWhileBlocked,
                    pending,
                    reconciled,
                    lastError.replace('"', '\'').replace('\n', ' '));
        }
    }

    /**
     * The same with the tables on S3 behind a proxy that answers 503 (the store overloaded or down):
     * every commit lands in the catalog, the versions wait in sys.mirror with the store's error,
     * and once the store answers again the reconciler writes them in order and Kernel, reading the
     * bucket, agrees with the catalog at every version.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void commitsSurviveAStoreOutageAndTheMirrorCatchesUp(CatalogTarget target) throws Exception {
        S3TestServer s3 = S3TestServer.shared();
        String bucket = "mirror-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint());
                CatalogTarget.TestCatalog db = target.create()) {
            Map<String, String> settings = Map.of(
                    "fs.s3a.endpoint", proxy.endpoint().toString(),
                    "fs.s3a.access.key", s3.accessKey(),
                    "fs.s3a.secret.key", s3.secretKey(),
                    "fs.s3a.path.style.access", "true",
                    "fs.s3a.endpoint.region", s3.region());
            Properties info = new Properties();
            info.putAll(settings);
            try (Connection c = DriverManager.getConnection(
                            "jdbc:deltasql:" + db.jdbcUrl().substring("jdbc:".length()), info);
                    Statement s = c.createStatement()) {
                for (String t : List.of("t", "u")) {
                    s.executeUpdate("INSERT INTO delta.tables(name, location, schema_string) VALUES ('" + t
                            + "', 's3://" + bucket + "/" + t + "', '" + Fixtures.SCHEMA + "')");
                }
                for (int i = 0; i < 3; i++) {
                    s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('before-" + i + "', 1)");
                }
                proxy.fail503();
                int committedWhileDown = commitDuringTheFault(c, s, 8, "down-");
                String lastError;
                try (ResultSet rs = s.executeQuery("SELECT pending_versions, last_error, head_version,"
                        + " mirrored_version FROM sys.mirror WHERE table_name = 't'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1))
                            .as("versions waiting for the store")
                            .isEqualTo(committedWhileDown);
                    lastError = rs.getString(2);
                    assertThat(lastError).as("sys.mirror says why").contains("503");
                    assertThat(rs.getLong(3)).isEqualTo(3 + committedWhileDown);
                    assertThat(rs.getLong(4)).isEqualTo(3);
                }

                proxy.pass();
                int reconciled;
                try (DeltaCatalog catalog = db.open(b -> settings.forEach(b::storageSetting))) {
                    try (MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
                        reconciled = reconciler.reconcile();
                    }
                    assertThat(catalog.pendingMirrors()).isEmpty();
                    for (String t : List.of("t", "u")) {
                        VerifyReport report = new TableVerifier(catalog).verify(t, true);
                        assertThat(report.identical())
                                .as("%s after recovery:\n%s", t, report.render())
                                .isTrue();
                    }
                }
                s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('after', 1)");
                try (ResultSet rs = s.executeQuery(
                        "SELECT pending_versions, mirrored_version FROM sys.mirror WHERE table_name = 't'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                    assertThat(rs.getLong(2)).isEqualTo(4 + committedWhileDown);
                }
                System.out.printf(
                        "RELIABILITY mirror-s3 target=%s committed_while_down=%d reconciled=%d requests=%d"
                                + " last_error=\"%s\"%n",
                        target.name(),
                        committedWhileDown,
                        reconciled,
                        proxy.requests(),
                        lastError.replace('"', '\'').replace('\n', ' '));
            }
        }
    }

    /**
     * Commits {@code count} times to table t, every fourth time in one transaction with table u;
     * returns how many commits landed (all of them: the catalog does not wait for the log).
     */
    private static int commitDuringTheFault(Connection c, Statement s, int count, String prefix) throws SQLException {
        int committed = 0;
        for (int i = 0; i < count; i++) {
            if (i % 4 == 3) {
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('tx-" + i + "', 1)");
                s.executeUpdate("INSERT INTO \"u$files\"(path, size) VALUES ('tx-" + i + "', 1)");
                c.commit();
                c.setAutoCommit(true);
            } else {
                s.executeUpdate("INSERT INTO \"t$files\"(path, size) VALUES ('" + prefix + i + "', 1)");
            }
            committed++;
        }
        return committed;
    }

    /** Makes {@code log} unwritable; returns how. */
    private static String block(Path log) throws Exception {
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path probe = log.resolve("probe");
        try {
            Files.createFile(probe);
        } catch (AccessDeniedException expected) {
            return "chmod";
        }
        // Root ignores permissions: put a regular file where the directory was.
        Files.delete(probe);
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(log, log.resolveSibling("_delta_log.aside"));
        Files.writeString(log, "not a directory");
        return "replaced-by-file";
    }

    private static void unblock(Path log, String method) throws Exception {
        if (method.equals("chmod")) {
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else {
            Files.delete(log);
            Files.move(log.resolveSibling("_delta_log.aside"), log);
        }
    }
}
