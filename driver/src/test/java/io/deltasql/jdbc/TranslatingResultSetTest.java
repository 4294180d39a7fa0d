package io.deltasql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result set class generated at build time: every method of ResultSet, each delegating with its errors translated. */
class TranslatingResultSetTest {
    @TempDir
    Path dir;

    @Test
    void implementsEveryResultSetMethodItselfDefaultMethodsIncluded() throws NoSuchMethodException {
        assertThat(Modifier.isFinal(TranslatingResultSet.class.getModifiers())).isTrue();
        assertThat(TranslatingResultSet.class.getSuperclass()).isEqualTo(TranslatingResultSetBase.class);
        for (Method method : ResultSet.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Method implementation = TranslatingResultSet.class.getMethod(method.getName(), method.getParameterTypes());
            assertThat(implementation.getDeclaringClass())
                    .as(method.toString())
                    .isIn(TranslatingResultSet.class, TranslatingResultSetBase.class);
        }
    }

    @Test
    void delegatesToCalcitesResultSetAndTranslatesItsErrors() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create();
                Connection c = SqlTesting.connect(cat);
                Statement s = c.createStatement()) {
            SqlTesting.createTable(s, "t", dir.resolve("t"), true);
            s.executeUpdate("INSERT INTO \"t$files\"(path, size, region) VALUES ('a', 1, 'eu')");
            try (ResultSet rs = s.executeQuery("SELECT path, size FROM \"t$files\"")) {
                assertThat(rs).isInstanceOf(TranslatingResultSet.class);
                assertThat(rs.getMetaData()).isInstanceOf(SizedResultSetMetaData.class);
                assertThat(rs.findColumn("size")).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(List.of(rs.getString(1), rs.getLong("size"))).containsExactly("a", 1L);
                // A JDBC 4.2 default method, which would refuse without a SQLState were it not delegated.
                assertThatThrownBy(() -> rs.updateObject(1, "b", JDBCType.VARCHAR))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .isNotNull()
                                .isNotEqualTo("00000"));
                assertThatThrownBy(() -> rs.getLong("missing"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                                .isNotNull()
                                .isNotEqualTo("00000"));
                assertThat(rs.next()).isFalse();
            }
            assertThat(SqlTesting.rows(s, "SELECT path FROM \"t$files\"")).containsExactly(List.of("a"));
        }
    }
}
