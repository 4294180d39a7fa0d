package io.deltasql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What SQL editors show for a typo: the reason and its specific SQLState in the top-level message,
 * once, for a prepared statement as for a plain one — locally, through {@code jdbc:deltasql:remote:},
 * and (SQLState and server exception) through Avatica's stock client. A refused login is 28000, an
 * untrusted certificate class 08 with a hint to the trust store.
 */
class ErrorReasonsTest {
    private static final String BAD = "SELECT * FROM nosuch WHERE x = ?";
    private static final String BAD_PLAIN = "SELECT * FROM nosuch WHERE x = 1";
    private static final String REASON = "Object 'nosuch' not found";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"protobuf", "json"})
    void preparedAndPlainStatementsGiveTheReasonOnce(String serialization) throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(cat.jdbcUrl(), "--serialization", serialization)) {
            try (Connection local =
                    DriverManager.getConnection("jdbc:deltasql:" + cat.jdbcUrl().substring("jdbc:".length()))) {
                assertReasonOnce(local);
            }
            {
                try (Connection remote = RemoteSqlTest.deltasqlRemote(server, serialization)) {
                    assertReasonOnce(remote);
                }
                try (Connection stock = RemoteSqlTest.avatica(server, serialization)) {
                    assertThatThrownBy(() -> stock.prepareStatement(BAD))
                            .isInstanceOfSatisfying(AvaticaSqlException.class, e -> {
                                assertThat(e.getSQLState()).isEqualTo("42P01");
                                assertThat(e.getStackTraces())
                                        .singleElement()
                                        .asString()
                                        .contains(REASON)
                                        .doesNotContain("\tat ");
                            });
                }
            }
        }
    }

    private static void assertReasonOnce(Connection c) {
        assertThatThrownBy(() -> c.prepareStatement(BAD)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42P01");
            assertThat(e.getMessage()).contains(REASON);
            assertThat(occurrences(e.getMessage(), "nosuch WHERE")).isLessThanOrEqualTo(1);
        });
        assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeQuery(BAD_PLAIN);
                    }
                })
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("42P01");
                    assertThat(e.getMessage()).contains(REASON);
                    assertThat(occurrences(e.getMessage(), "nosuch WHERE")).isLessThanOrEqualTo(1);
                });
    }

    @Test
    void aRefusedLoginIs28000AndAnUntrustedCertificateIsClass08() throws Exception {
        Path keystore = TestKeystores.selfSigned(dir.resolve("server.p12"), "test-pass");
        Path users = PrivateFiles.write(dir.resolve("users.properties"), "alice: alice-pw, writer\n");
        Path keystorePassword = PrivateFiles.write(dir.resolve("keystore-password"), "test-pass\n");
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                ServerProcess server = ServerProcess.start(
                        cat.jdbcUrl(),
                        "--users",
                        users.toString(),
                        "--keystore",
                        keystore.toString(),
                        "--keystore-password-file",
                        keystorePassword.toString())) {
            String base = "jdbc:deltasql:remote:" + server.url();
            assertThatThrownBy(() -> DriverManager.getConnection(base + "?user=alice&password=wrong")
                            .createStatement()
                            .executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getMessage())
                                .contains("not trusted")
                                .contains("truststore")
                                .doesNotContain("\n");
                    });
            Properties tls = new Properties();
            tls.setProperty("truststore", keystore.toString());
            tls.setProperty("truststore_password", "test-pass");
            tls.setProperty("user", "alice");
            tls.setProperty("password", "wrong");
            assertThatThrownBy(() -> DriverManager.getConnection(base, tls)
                            .createStatement()
                            .executeQuery("SELECT 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("28000");
                        assertThat(e.getMessage()).contains("user name or password is not accepted");
                    });
            tls.setProperty("password", "alice-pw");
            try (Connection c = DriverManager.getConnection(base, tls);
                    Statement s = c.createStatement()) {
                assertThat(RemoteSqlTest.rows(s, "SELECT count(*) FROM delta.tables"))
                        .containsExactly("0");
            }
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
