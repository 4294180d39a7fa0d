package io.deltasql.core.internal.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.InvalidRequestException;
import io.deltasql.core.protocol.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The protocols Delta's writers build when properties turn features on (compare the golden tables' protocols). */
class ProtocolUpgradeTest {
    private static final Protocol NEW = ProtocolUpgrade.NEW_TABLE;

    private static Protocol upgrade(Protocol current, Map<String, String> properties) {
        FeatureProperties.Requested r = FeatureProperties.requested("t", properties);
        r.checkEnableable("t", current);
        return ProtocolUpgrade.upgrade(current, r.features(), r.minReaderVersion(), r.minWriterVersion());
    }

    @Test
    void legacyFeaturesRaiseLegacyVersions() {
        assertThat(upgrade(NEW, Map.of())).isSameAs(NEW);
        assertThat(upgrade(NEW, Map.of("delta.appendOnly", "true"))).isSameAs(NEW);
        assertThat(upgrade(NEW, Map.of("delta.enableChangeDataFeed", "true"))).isEqualTo(new Protocol(1, 4));
        assertThat(upgrade(NEW, Map.of("delta.columnMapping.mode", "name"))).isEqualTo(new Protocol(2, 5));
        assertThat(upgrade(NEW, Map.of("delta.constraints.positive", "id > 0"))).isEqualTo(new Protocol(1, 3));
        assertThat(upgrade(NEW, Map.of("delta.minWriterVersion", "4"))).isEqualTo(new Protocol(1, 4));
    }

    @Test
    void writerOnlyFeaturesKeepReaderOneAndNameTheImpliedOnes() {
        Protocol p = upgrade(NEW, Map.of("delta.enableRowTracking", "true"));
        assertThat(p.minReaderVersion()).isEqualTo(1);
        assertThat(p.minWriterVersion()).isEqualTo(7);
        assertThat(p.readerFeatures()).isNull();
        assertThat(p.writerFeatures()).containsExactly("rowTracking", "domainMetadata", "appendOnly", "invariants");
    }

    @Test
    void readerFeaturesNeedReaderThree() {
        Protocol p = upgrade(NEW, Map.of("delta.enableDeletionVectors", "true", "delta.columnMapping.mode", "id"));
        assertThat(p.minReaderVersion()).isEqualTo(3);
        assertThat(Set.copyOf(p.readerFeatures())).isEqualTo(Set.of("deletionVectors", "columnMapping"));
        assertThat(Set.copyOf(p.writerFeatures()))
                .isEqualTo(Set.of("deletionVectors", "columnMapping", "appendOnly", "invariants"));
    }

    @Test
    void columnMappingAloneWithTableFeaturesStaysAtReaderTwo() {
        // As in Delta's own tables: (2, 7) with columnMapping among the writer features only.
        Protocol p = upgrade(
                new Protocol(2, 5),
                Map.of("delta.columnMapping.mode", "name", "delta.enableInCommitTimestamps", "true"));
        assertThat(p.minReaderVersion()).isEqualTo(2);
        assertThat(p.readerFeatures()).isNull();
        assertThat(p.writerFeatures()).contains("inCommitTimestamp", "columnMapping", "changeDataFeed", "appendOnly");
    }

    @Test
    void tableFeatureProtocolsGainFeaturesAndNeverLoseOne() {
        Protocol current =
                new Protocol(3, 7, List.of("deletionVectors"), List.of("deletionVectors", "liquid"), Map.of());
        Protocol p = upgrade(current, Map.of("delta.feature.v2Checkpoint", "supported"));
        assertThat(p.readerFeatures()).containsExactly("deletionVectors", "v2Checkpoint");
        assertThat(p.writerFeatures()).containsExactly("deletionVectors", "liquid", "v2Checkpoint");
        assertThat(upgrade(p, Map.of("delta.checkpointPolicy", "v2"))).isSameAs(p);
    }

    @Test
    void namingALegacyFeatureAsksForTableFeatures() {
        Protocol p = upgrade(NEW, Map.of("delta.feature.identityColumns", "supported"));
        assertThat(p.minReaderVersion()).isEqualTo(1);
        assertThat(p.minWriterVersion()).isEqualTo(7);
        assertThat(p.writerFeatures()).containsExactly("identityColumns", "appendOnly", "invariants");
    }

    @Test
    void askingForVersionsAlone() {
        Protocol p = upgrade(new Protocol(1, 4), Map.of("delta.minReaderVersion", "3"));
        assertThat(p.minReaderVersion()).isEqualTo(3);
        assertThat(p.minWriterVersion()).isEqualTo(7);
        assertThat(p.readerFeatures()).isEmpty();
        assertThat(p.writerFeatures())
                .containsExactly("appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns");
    }

    @Test
    void featuresDeltasqlDoesNotWriteAreRefusedUnlessTheTableHasThem() {
        assertThatThrownBy(() -> upgrade(NEW, Map.of("delta.enableIcebergCompatV2", "true")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("0A000"))
                .hasMessageContaining("icebergCompatV2");
        Protocol imported = new Protocol(
                2, 7, null, List.of("columnMapping", "icebergCompatV2", "appendOnly", "invariants"), Map.of());
        assertThat(upgrade(imported, Map.of("delta.enableIcebergCompatV2", "true", "delta.columnMapping.mode", "name")))
                .isSameAs(imported);
        assertThatThrownBy(() -> upgrade(NEW, Map.of("delta.feature.timeMachine", "supported")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("0A000"))
                .hasMessageContaining("timeMachine");
        assertThatThrownBy(() -> upgrade(NEW, Map.of("delta.enableRowTracking", "yes")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("22023"))
                .hasMessageContaining("true or false");
    }
}
