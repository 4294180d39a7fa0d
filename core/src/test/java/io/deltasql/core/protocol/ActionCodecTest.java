package io.deltasql.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionCodecTest {

    private static JsonNode tree(String json) throws Exception {
        return ActionCodec.mapper().readTree(json);
    }

    /** Parse → write keeps the JSON tree (field order aside). */
    private static void roundTrips(String line) throws Exception {
        Action a = ActionCodec.parse(line);
        assertThat(tree(a.toJson())).as(line).isEqualTo(tree(line));
        assertThat(ActionCodec.parse(a.toJson())).isEqualTo(a);
    }

    @Test
    void aValueBeyondTheJsonReadersLimitsIsRefusedWithoutNamingTheLibrary() {
        String line = "{\"commitInfo\":{\"operation\":\"" + "x".repeat(20_000_001) + "\"}}";
        assertThatThrownBy(() -> ActionCodec.parse(line))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("exceeds the maximum allowed (20000000)")
                .hasMessageNotContaining("StreamReadConstraints")
                .hasMessageNotContaining("`");
    }

    @Test
    void everyActionKindRoundTripsFromRecords() {
        Map<String, String> nullPartition = new HashMap<>();
        nullPartition.put("p", null);
        DeletionVectorDescriptor dv = new DeletionVectorDescriptor("p", "dv/path.bin", 4, 40, 3, 10L, Map.of());
        List<Action> actions = List.of(
                new Protocol(3, 7, List.of("deletionVectors"), List.of("deletionVectors", "appendOnly"), Map.of()),
                new Protocol(1, 2),
                new Metadata(
                        "id-1",
                        "name",
                        "desc",
                        new Format("parquet", Map.of("k", "v"), Map.of()),
                        "{\"type\":\"struct\",\"fields\":[]}",
                        List.of("p"),
                        Map.of("delta.appendOnly", "true"),
                        123L,
                        Map.of()),
                AddFile.builder()
                        .path("p=1/f.parquet")
                        .partitionValues(Map.of("p", "1"))
                        .size(10)
                        .modificationTime(20)
                        .stats("{\"numRecords\":1}")
                        .tags(Map.of("t", "v"))
                        .deletionVector(dv)
                        .baseRowId(5L)
                        .defaultRowCommitVersion(6L)
                        .clusteringProvider("liquid")
                        .build(),
                new AddFile("p=__HIVE_DEFAULT_PARTITION__/g.parquet", nullPartition, 0, 0, false, null),
                new RemoveFile(
                        "p=1/f.parquet", 99L, true, true, Map.of("p", "1"), 10L, null, Map.of(), dv, 5L, 6L, Map.of()),
                new RemoveFile("x", null, false),
                new AddCdcFile("_change_data/c.parquet", Map.of(), 7, false, null, Map.of()),
                new SetTransaction("app", 3, 1000L),
                new CommitInfo(
                        1L,
                        "WRITE",
                        ActionCodec.mapper().createObjectNode().put("mode", "Append"),
                        "u",
                        "user",
                        "engine",
                        4L,
                        "Serializable",
                        true,
                        null,
                        "meta",
                        "txn-1",
                        2L,
                        Map.of("clusterId", TextNode.valueOf("c1"))),
                new DomainMetadata("delta.rowTracking", "{\"rowIdHighWaterMark\":7}", false, Map.of()),
                new UnknownAction(
                        "checkpointMetadata",
                        ActionCodec.mapper().createObjectNode().put("version", 3)));
        for (Action a : actions) {
            assertThat(ActionCodec.parse(a.toJson())).as(a.toJson()).isEqualTo(a);
        }
        assertThat(ActionCodec.parseCommit(ActionCodec.toNdjson(actions))).isEqualTo(actions);
        assertThat(ActionCodec.toNdjson(actions).lines()).hasSize(actions.size());
    }

    @Test
    void unknownFieldsKindsNullsAndNestedValuesSurvive() throws Exception {
        roundTrips(
                "{\"add\":{\"path\":\"a\",\"partitionValues\":{\"p\":null,\"q\":\"1\"},\"size\":1,\"modificationTime\":2,"
                        + "\"dataChange\":true,\"stats\":null,\"futureField\":{\"nested\":[1,2.50,\"x\"]},\"tags\":{\"INSERTION_TIME\":\"1\"}}}");
        roundTrips(
                "{\"remove\":{\"path\":\"a%20b\",\"deletionTimestamp\":5,\"dataChange\":false,\"extendedFileMetadata\":true,"
                        + "\"partitionValues\":{},\"size\":9,\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"wi5b=000010000siXQKl0rr91000f\","
                        + "\"sizeInBytes\":40,\"cardinality\":6,\"newDvField\":true}}}");
        roundTrips(
                "{\"metaData\":{\"id\":\"x\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\"{}\","
                        + "\"partitionColumns\":[],\"configuration\":{},\"createdTime\":null,\"unknown\":1}}");
        roundTrips("{\"metaData\":{\"id\":\"no-format\",\"partitionColumns\":[]}}");
        roundTrips(
                "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[],\"writerFeatures\":[\"x\"],\"extra\":\"kept\"}}");
        roundTrips("{\"txn\":{\"appId\":\"a\",\"version\":1}}");
        roundTrips(
                "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"MERGE\",\"operationParameters\":{\"predicate\":\"[\\\"a\\\"]\"},"
                        + "\"notebook\":{\"notebookId\":\"1\"},\"clusterId\":\"c\",\"readVersion\":0,\"isolationLevel\":\"WriteSerializable\","
                        + "\"isBlindAppend\":false,\"operationMetrics\":{\"numFiles\":\"1\"},\"engineInfo\":\"Apache-Spark/3.5.0 Delta-Lake/3.2.0\","
                        + "\"txnId\":\"t\"}}");
        roundTrips("{\"commitInfo\":{}}");
        roundTrips("{\"cdc\":{\"path\":\"c\",\"partitionValues\":{},\"size\":3,\"dataChange\":false}}");
        roundTrips("{\"domainMetadata\":{\"domain\":\"d\",\"configuration\":\"{}\",\"removed\":true}}");
        roundTrips("{\"sidecar\":{\"path\":\"s.parquet\",\"sizeInBytes\":1,\"modificationTime\":1}}");
        roundTrips("{\"checkpointMetadata\":{\"version\":3}}");

        Action unknown = ActionCodec.parse("{\"sidecar\":{\"path\":\"s.parquet\"}}");
        assertThat(unknown).isInstanceOf(UnknownAction.class);
        assertThat(unknown.kind()).isEqualTo("sidecar");
        AddFile add =
                (AddFile) ActionCodec.parse("{\"add\":{\"path\":\"a\",\"partitionValues\":{\"p\":null},\"size\":1,"
                        + "\"modificationTime\":2,\"dataChange\":true,\"x\":7}}");
        assertThat(add.partitionValues()).containsEntry("p", null);
        assertThat(add.extra()).containsKey("x");
    }

    @Test
    void deletionVectorIdsFollowTheProtocol() {
        assertThat(new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6, null, Map.of()).uniqueId())
                .isEqualTo("uab^-aqEH.-t@S}K{vb[*k^@4");
        assertThat(new DeletionVectorDescriptor("i", "wi5b=000010000siXQKl0rr91000f", null, 40, 6, null, Map.of())
                        .uniqueId())
                .isEqualTo("iwi5b=000010000siXQKl0rr91000f");
        AddFile withDv = AddFile.builder()
                .path("f")
                .size(1)
                .modificationTime(1)
                .deletionVector(new DeletionVectorDescriptor("p", "/abs/dv.bin", 1, 40, 6, null, Map.of()))
                .build();
        assertThat(withDv.dvUniqueId()).isEqualTo("p/abs/dv.bin@1");
        assertThat(withDv.toRemove(5, true).dvUniqueId()).isEqualTo("p/abs/dv.bin@1");
        assertThat(new AddFile("f", Map.of(), 1, 1, true, null).dvUniqueId()).isNull();
    }

    @Test
    void malformedLinesAreRefusedNamingKindAndField() {
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ActionCodec.parse("[1,2]"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":{},\"remove\":{}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("exactly one key");
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":{\"size\":1,\"partitionValues\":{}}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("add")
                .hasMessageContaining("path");
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":{\"path\":\"a\",\"partitionValues\":{}}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("add")
                .hasMessageContaining("size");
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":{\"path\":\"a\",\"size\":-1}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("size must be >= 0");
        assertThatThrownBy(() -> ActionCodec.parse("{\"add\":{\"path\":\"a\",\"size\":\"abc\"}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("add.size");
        assertThatThrownBy(() -> ActionCodec.parse("{\"txn\":{\"version\":1}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("txn")
                .hasMessageContaining("appId");
        assertThatThrownBy(() -> ActionCodec.parse("{\"protocol\":{\"minReaderVersion\":1}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("minWriterVersion");
        assertThatThrownBy(() -> ActionCodec.parse("{\"metaData\":\"x\"}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("metaData");
        assertThatThrownBy(() -> ActionCodec.parse(
                        "{\"add\":{\"path\":\"a\",\"size\":1,\"partitionValues\":{\"p\":{\"x\":1}}}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("partitionValues.p");
        assertThatThrownBy(() -> ActionCodec.parseCommit("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n\n{\"add\":{}}"))
                .isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> new AddFile("", Map.of(), 1, 1, true, null))
                .isInstanceOf(InvalidActionException.class);
    }
}
