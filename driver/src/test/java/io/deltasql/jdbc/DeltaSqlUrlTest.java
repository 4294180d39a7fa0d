package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.calcite.DeltaSession;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** URL forms of GUIDE section 3, settings taken from the URL, and a catalog password that never shows. */
class DeltaSqlUrlTest {
    @Test
    void catalogDatabasesAndSettings() throws Exception {
        DeltaSqlUrl pg = DeltaSqlUrl.parse(
                "jdbc:deltasql:postgresql://h:5432/db?user=u&poolSize=4&ssl=true&cacheMaxSnapshots=9",
                new Properties());
        assertThat(pg.catalogUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&ssl=true");
        assertThat(pg.settings()).containsEntry("poolSize", "4").containsEntry("cacheMaxSnapshots", "9");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:mariadb://h:3306/db", null).catalogUrl())
                .isEqualTo("jdbc:mariadb://h:3306/db");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:mysql://h/db", null).catalogUrl())
                .isEqualTo("jdbc:mysql://h/db");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:sqlite:/data/c.db", null).catalogUrl())
                .isEqualTo("jdbc:sqlite:/data/c.db");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:", null).embedded()).isTrue();
        Properties info = new Properties();
        info.setProperty("catalog", "/data/other.db");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:", info).catalogUrl()).isEqualTo("jdbc:sqlite:/data/other.db");
        assertThat(DeltaSqlUrl.parse("jdbc:deltasql:?catalog=jdbc:postgresql://h/db", null)
                        .catalogUrl())
                .isEqualTo("jdbc:postgresql://h/db");
        DeltaSqlUrl remote = DeltaSqlUrl.parse("jdbc:deltasql:remote:http://host:8765", null);
        assertThat(remote.remoteUrl()).isEqualTo("http://host:8765");
        assertThat(remote.catalogUrl()).isNull();
    }

    @Test
    void unsupportedUrlsAreRefusedClearly() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:deltasql:oracle:thin:@h:1521/x"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("postgresql")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:deltasql:remote:ftp://h"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("http://")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:deltasql:sqlite:/tmp/x.db?poolSize=0"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("poolSize")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void theCatalogPasswordNeverShows() throws Exception {
        String secret = "S3cretPw";
        assertThatThrownBy(
                        () -> DriverManager.getConnection("jdbc:deltasql:postgresql://127.0.0.1:1/nodb?user=u&password="
                                + secret + "&connectionTimeoutMs=1000&validationTimeoutMs=500"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).startsWith("08");
                    assertThat(stackText(e)).doesNotContain(secret);
                });
        Properties info = new Properties();
        info.setProperty("password", secret);
        info.setProperty("connectionTimeoutMs", "1000");
        info.setProperty("validationTimeoutMs", "500");
        assertThatThrownBy(
                        () -> DriverManager.getConnection("jdbc:deltasql:postgresql://127.0.0.1:1/nodb?user=u", info))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(secret));

        // Embedded PostgreSQL trusts local connections, so a password is accepted and must stay hidden.
        try (CatalogTarget.TestCatalog cat = CatalogTargets.EMBEDDED_POSTGRES.create();
                Connection c = DriverManager.getConnection(SqlTesting.url(cat) + "&password=" + secret);
                Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getURL()).doesNotContain(secret);
            assertThat(c.toString()).doesNotContain(secret);
            assertThat(SqlTesting.rows(s, "SELECT * FROM sys.catalog").toString())
                    .doesNotContain(secret);
        }
    }

    @Test
    void objectStoreSettingsGoToDeltasqlAndNeverShow() throws Exception {
        String secret = "Wj7SecretAccessKey";
        DeltaSqlUrl url = DeltaSqlUrl.parse(
                "jdbc:deltasql:sqlite:/tmp/c.db?fs.s3a.endpoint=http%3A%2F%2F127.0.0.1%3A9000&fs.s3a.secret.key="
                        + secret + "&fs.s3a.bucket.logs.path.style.access=true",
                null);
        assertThat(url.catalogUrl()).isEqualTo("jdbc:sqlite:/tmp/c.db");
        assertThat(url.settings())
                .containsEntry("fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("fs.s3a.secret.key", secret)
                .containsEntry("fs.s3a.bucket.logs.path.style.access", "true");

        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            Properties info = new Properties();
            info.setProperty("fs.s3a.access.key", "AKIDEXAMPLE");
            try (Connection c = DriverManager.getConnection(
                            SqlTesting.url(cat) + "?fs.s3a.secret.key=" + secret + "&fs.s3a.path.style.access=true",
                            info);
                    Statement s = c.createStatement()) {
                DeltaCatalog catalog = c.unwrap(DeltaSession.class).catalog();
                assertThat(catalog.config().storageSettings())
                        .containsEntry("fs.s3a.secret.key", secret)
                        .containsEntry("fs.s3a.access.key", "AKIDEXAMPLE")
                        .containsEntry("fs.s3a.path.style.access", "true");
                assertThat(c.getMetaData().getURL()).doesNotContain(secret).doesNotContain("fs.s3a");
                assertThat(SqlTesting.rows(s, "SELECT * FROM sys.catalog").toString())
                        .doesNotContain(secret);
            }
        }
    }

    private static String stackText(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
