package io.deltasql.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The binary file list gives back exactly the files it was given, and refuses damaged parts. */
class FileListCodecTest {
    private static List<AddFile> decodeAll(List<byte[]> parts) {
        ConcurrentHashMap<String, Map<String, String>> shared = new ConcurrentHashMap<>();
        List<AddFile> files = new ArrayList<>();
        for (byte[] part : parts) {
            files.addAll(FileListCodec.decode(part, shared));
        }
        return files;
    }

    private static Map<String, String> partition(String region, String day) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("region", region);
        m.put("day", day);
        return m;
    }

    @Test
    void everyKindOfAddRoundTrips() {
        List<AddFile> files = List.of(
                new AddFile("a.parquet", Map.of(), 0, 0, false, null),
                new AddFile("region=eu/day=1/b.parquet", partition("eu", "1"), 123, 1_700_000_000_000L, true,
                        "{\"numRecords\":3,\"minValues\":{\"id\":1}}"),
                new AddFile("region=__HIVE_DEFAULT_PARTITION__/c.parquet", partition(null, "2"), Long.MAX_VALUE, -1, true, ""),
                new AddFile("Ünïcödé/文件 with spaces%20.parquet", partition("ü", "文"), 7, 8, true, "{\"s\":\"日本\"}"),
                new AddFile("tagged.parquet", Map.of(), 5, 6, true, null, Map.of("INSERTION_TIME", "1"), null, 42L, 7L, null,
                        Map.of()));
        List<AddFile> decoded = decodeAll(FileListCodec.encode(files));
        assertThat(decoded).containsExactlyElementsOf(files);
        assertThat(decoded.get(2).partitionValues()).containsEntry("region", null);
    }

    @Test
    void largeListsSplitIntoPartsThatShareTheirPartitionMaps() {
        List<AddFile> files = new ArrayList<>();
        for (int i = 0; i < FileListCodec.PART_FILES * 2 + 17; i++) {
            files.add(new AddFile("p" + (i % 3) + "/f" + i + ".parquet", partition("r" + (i % 3), "d"), i, i, true,
                    "{\"numRecords\":" + i + "}"));
        }
        List<byte[]> parts = FileListCodec.encode(files);
        assertThat(parts).hasSize(3);
        List<AddFile> decoded = decodeAll(parts);
        assertThat(decoded).containsExactlyElementsOf(files);
        Map<Map<String, String>, Map<String, String>> instances = new HashMap<>();
        for (AddFile f : decoded) {
            assertThat(f.partitionValues()).isInstanceOf(ImmutableStringMap.class);
            assertThat(instances.computeIfAbsent(f.partitionValues(), k -> f.partitionValues())).isSameAs(f.partitionValues());
        }
    }

    @Test
    void anEmptyListIsOneEmptyPart() {
        List<byte[]> parts = FileListCodec.encode(List.of());
        assertThat(parts).hasSize(1);
        assertThat(decodeAll(parts)).isEmpty();
    }

    @Test
    void damagedPartsAreRefused() {
        byte[] part = FileListCodec.encode(List.of(new AddFile("a.parquet", Map.of(), 1, 2, true, "{}"))).get(0);
        ConcurrentHashMap<String, Map<String, String>> shared = new ConcurrentHashMap<>();

        byte[] flipped = part.clone();
        flipped[20] ^= 1;
        assertThatThrownBy(() -> FileListCodec.decode(flipped, shared))
                .isInstanceOf(FileListCodec.CorruptFileListException.class).hasMessageContaining("checksum");

        byte[] truncated = java.util.Arrays.copyOf(part, part.length - 9);
        assertThatThrownBy(() -> FileListCodec.decode(truncated, shared)).isInstanceOf(FileListCodec.CorruptFileListException.class);
        assertThatThrownBy(() -> FileListCodec.decode(new byte[3], shared)).isInstanceOf(FileListCodec.CorruptFileListException.class);
        assertThatThrownBy(() -> FileListCodec.decode("not a file list at all, just text".getBytes(), shared))
                .isInstanceOf(FileListCodec.CorruptFileListException.class);
    }
}
