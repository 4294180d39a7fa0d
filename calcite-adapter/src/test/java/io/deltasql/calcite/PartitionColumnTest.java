package io.deltasql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.protocol.Metadata;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Delta partition values (strings) to SQL values and back, for every primitive Delta type. */
class PartitionColumnTest {
    private static PartitionColumn column(String type) {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",\"type\":\"" + type
                + "\",\"nullable\":true,\"metadata\":{}}]}";
        Metadata m = new Metadata("id", null, null, null, schema, List.of("p"), Map.of(), 0L, Map.of());
        return PartitionColumn.of("t", m, Set.of()).get(0);
    }

    @Test
    void valuesRoundTrip() {
        assertThat(column("long").toSql("42")).isEqualTo(42L);
        assertThat(column("long").toDelta(42L)).isEqualTo("42");
        assertThat(column("integer").toSql("7")).isEqualTo(7);
        assertThat(column("short").sqlType()).isEqualTo(SqlTypeName.SMALLINT);
        assertThat(column("boolean").toSql("true")).isEqualTo(true);
        assertThat(column("date").toSql("2026-01-02"))
                .isEqualTo((int) LocalDate.of(2026, 1, 2).toEpochDay());
        assertThat(column("date").toDelta((int) LocalDate.of(2026, 1, 2).toEpochDay()))
                .isEqualTo("2026-01-02");
        long millis = Instant.parse("2026-01-02T03:04:05.123Z").toEpochMilli();
        assertThat(column("timestamp").toSql("2026-01-02 03:04:05.123")).isEqualTo(millis);
        assertThat(column("timestamp").toSql("2026-01-02 03:04:05.123000")).isEqualTo(millis);
        assertThat(column("timestamp").toDelta(millis)).isEqualTo("2026-01-02 03:04:05.123000");
        assertThat(column("timestamp").toDelta(millis - 123)).isEqualTo("2026-01-02 03:04:05");
        assertThat(column("decimal(10,2)").toSql("1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(column("decimal(10,2)").precision()).isEqualTo(10);
        assertThat(column("string").toSql("x")).isEqualTo("x");
        assertThat(column("long").toSql(null)).isNull();
        assertThat(column("long").toSql("not a number"))
                .as("an unparsable stored value reads as null")
                .isNull();
    }

    @Test
    void badValuesNameColumnAndValue() {
        assertThatThrownBy(() -> column("date").check("t", "yesterday"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'p'")
                .hasMessageContaining("date")
                .hasMessageContaining("yesterday");
    }

    @Test
    void collidingNamesGetAPrefix() {
        String schema =
                "{\"type\":\"struct\",\"fields\":[{\"name\":\"Size\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}";
        Metadata m = new Metadata("id", null, null, null, schema, List.of("Size"), Map.of(), 0L, Map.of());
        PartitionColumn c =
                PartitionColumn.of("t", m, Set.copyOf(FilesTable.FIXED_COLUMNS)).get(0);
        assertThat(c.columnName()).isEqualTo("partition_size");
        assertThat(c.deltaName()).isEqualTo("Size");
        assertThat(c.key())
                .as("without column mapping the log keys values by the Delta name")
                .isEqualTo("Size");
    }

    @Test
    void aColumnMappedPartitionIsKeyedByItsPhysicalName() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"name\":\"Region\",\"type\":\"string\",\"nullable\":true,"
                + "\"metadata\":{\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-r1\"}}]}";
        for (String mode : List.of("name", "id")) {
            Metadata m = new Metadata(
                    "id",
                    null,
                    null,
                    null,
                    schema,
                    List.of("Region"),
                    Map.of("delta.columnMapping.mode", mode),
                    0L,
                    Map.of());
            PartitionColumn c = PartitionColumn.of("t", m, Set.copyOf(FilesTable.FIXED_COLUMNS))
                    .get(0);
            assertThat(c.columnName()).isEqualTo("region");
            assertThat(c.deltaName()).isEqualTo("Region");
            assertThat(c.key()).isEqualTo("col-r1");
        }
        Metadata unmapped = new Metadata(
                "id",
                null,
                null,
                null,
                schema,
                List.of("Region"),
                Map.of("delta.columnMapping.mode", "none"),
                0L,
                Map.of());
        assertThat(PartitionColumn.of("t", unmapped, Set.of()).get(0).key()).isEqualTo("Region");
    }
}
