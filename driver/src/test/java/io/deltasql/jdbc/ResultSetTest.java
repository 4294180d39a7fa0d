package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Result sets answer the statement the user holds and report errors with a SQLState. */
class ResultSetTest {
    @TempDir
    Path dir;

    @Test
    void resultSetsBelongToTheUsersStatementsAndFailWithASqlState() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu')");
            try (ResultSet rs = s.executeQuery("SELECT path, size FROM \"t$files\"")) {
                assertThat(rs.getStatement()).isSameAs(s);
                assertThat(rs.getStatement().getConnection()).isSameAs(c);
                assertThat(rs.unwrap(ResultSet.class)).isSameAs(rs);
                assertThat(rs.isWrapperFor(ResultSet.class)).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("path")).isEqualTo("a");
                assertThat(rs.getLong(2)).isEqualTo(1L);
                assertThatThrownBy(() -> rs.getString(7))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .isNotNull()
                                .isNotEqualTo("00000"));
                assertThat(rs.next()).isFalse();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM \"t$files\" WHERE region = ?")) {
                ps.setString(1, "eu");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getStatement()).isSameAs(ps);
                }
            }
            try (ResultSet tables = c.getMetaData().getTables(null, null, "%", null)) {
                assertThat(tables.getStatement()).isNull();
                assertThat(tables.next()).isTrue();
            }
        }
    }
}
