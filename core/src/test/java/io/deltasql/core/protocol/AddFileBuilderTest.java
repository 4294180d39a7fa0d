package io.deltasql.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link AddFile#builder()} builds what the log line with the same fields parses to, and refuses what it refuses. */
class AddFileBuilderTest {
    @Test
    void buildsWhatTheLogLineParsesTo() {
        String line =
                "{\"add\":{\"path\":\"p=1/f.parquet\",\"partitionValues\":{\"p\":\"1\"},\"size\":10,\"modificationTime\":20,"
                        + "\"dataChange\":false,\"stats\":\"{\\\"numRecords\\\":1}\",\"tags\":{\"t\":\"v\"},"
                        + "\"deletionVector\":{\"storageType\":\"p\",\"pathOrInlineDv\":\"/abs/dv.bin\",\"offset\":1,\"sizeInBytes\":40,"
                        + "\"cardinality\":6},\"baseRowId\":5,\"defaultRowCommitVersion\":6,\"clusteringProvider\":\"liquid\","
                        + "\"future\":\"kept\"}}";
        AddFile built = AddFile.builder()
                .path("p=1/f.parquet")
                .partitionValues(Map.of("p", "1"))
                .size(10)
                .modificationTime(20)
                .dataChange(false)
                .stats("{\"numRecords\":1}")
                .tags(Map.of("t", "v"))
                .deletionVector(new DeletionVectorDescriptor("p", "/abs/dv.bin", 1, 40, 6, null, Map.of()))
                .baseRowId(5L)
                .defaultRowCommitVersion(6L)
                .clusteringProvider("liquid")
                .extra(Map.of("future", TextNode.valueOf("kept")))
                .build();
        assertThat(built).isEqualTo(ActionCodec.parse(line));
        assertThat(built.toBuilder().build()).isEqualTo(built);
        assertThat(built.toBuilder().dataChange(true).build().dataChange()).isTrue();
    }

    @Test
    void defaultsAsTheProtocolDoes() {
        AddFile plain = AddFile.builder().path("f.parquet").size(1).build();
        assertThat(plain).isEqualTo(ActionCodec.parse("{\"add\":{\"path\":\"f.parquet\",\"size\":1}}"));
        assertThat(plain.dataChange()).isTrue();
        assertThat(plain.partitionValues()).isEmpty();
        assertThat(plain.isPlain()).isTrue();
    }

    @Test
    void refusesWhatTheConstructorsRefuse() {
        assertThatThrownBy(() -> AddFile.builder().size(1).build())
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("add action has no path");
        assertThatThrownBy(() -> AddFile.builder().path("f").size(-1).build())
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("add action for 'f': size must be >= 0, was -1");
    }
}
