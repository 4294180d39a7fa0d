package io.deltasql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.testing.CatalogTarget;
import io.deltasql.core.testing.CatalogTargets;
import io.deltasql.core.testing.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The delta schema in a plain Calcite connection, created from a model by {@link DeltaSchemaFactory}. */
class SchemaFactoryTest {
    @Test
    void calciteModelReadsTheCatalog() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                catalog.createTable(Fixtures.table("events"));
            }
            String model = "inline:{\"version\":\"1.0\",\"defaultSchema\":\"delta\",\"schemas\":[{\"name\":\"delta\","
                    + "\"type\":\"custom\",\"factory\":\"" + DeltaSchemaFactory.class.getName()
                    + "\",\"operand\":{\"catalog\":\""
                    + cat.jdbcUrl() + "\",\"mirror\":\"false\",\"poolSize\":\"2\"}}]}";
            try (Connection c = DriverManager.getConnection("jdbc:calcite:lex=JAVA;model=" + model);
                    Statement s = c.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT name, version FROM delta.tables")) {
                    while (rs.next()) {
                        names.add(rs.getString(1) + "@" + rs.getLong(2));
                    }
                }
                assertThat(names).containsExactly("events@0");
                try (ResultSet rs = s.executeQuery("SELECT maximum FROM sys.pool")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void calciteModelPushesFiltersAndProjectionsIntoTheScan() throws Exception {
        try (CatalogTarget.TestCatalog cat = CatalogTargets.SQLITE.create()) {
            try (DeltaCatalog catalog = cat.open()) {
                catalog.createTable(Fixtures.table("events"));
            }
            String model = "inline:{\"version\":\"1.0\",\"defaultSchema\":\"delta\",\"schemas\":[{\"name\":\"delta\","
                    + "\"type\":\"custom\",\"factory\":\"" + DeltaSchemaFactory.class.getName()
                    + "\",\"operand\":{\"catalog\":\""
                    + cat.jdbcUrl() + "\",\"mirror\":\"false\"}}]}";
            try (Connection c = DriverManager.getConnection("jdbc:calcite:lex=JAVA;model=" + model);
                    Statement s = c.createStatement()) {
                assertThat(SqlTesting.plan(s, "SELECT path FROM delta.`events$files` WHERE path = 'a.parquet'"))
                        .isEqualTo(
                                "EnumerableCalc(expr#0=[{inputs}], expr#1=['a.parquet':VARCHAR], expr#2=[=($t0, $t1)], "
                                        + "path=[$t0], $condition=[$t2])\n"
                                        + "  DeltaTableScan(table=[[delta, events$files]], filters=[[=($0, 'a.parquet')]], columns=[[0]])\n");
            }
        }
    }
}
