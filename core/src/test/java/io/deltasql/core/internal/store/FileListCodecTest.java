package io.deltasql.core.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The binary file list gives back exactly the files it was given, and refuses damaged parts. */
class FileListCodecTest {
    private static List<AddFile> decodeAll(List<FileListCodec.EncodedPart> parts) {
        List<AddFile> files = new ArrayList<>();
        for (FileListCodec.EncodedPart part : parts) {
            files.addAll(FileListCodec.decode(part.data()));
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
                new AddFile(
                        "region=eu/day=1/b.parquet",
                        partition("eu", "1"),
                        123,
                        1_700_000_000_000L,
                        true,
                        "{\"numRecords\":3,\"minValues\":{\"id\":1}}"),
                new AddFile(
                        "region=__HIVE_DEFAULT_PARTITION__/c.parquet",
                        partition(null, "2"),
                        Long.MAX_VALUE,
                        -1,
                        true,
                        ""),
                new AddFile("Ünïcödé/文件 with spaces%20.parquet", partition("ü", "文"), 7, 8, true, "{\"s\":\"日本\"}"),
                new AddFile(
                        "tagged.parquet",
                        Map.of(),
                        5,
                        6,
                        true,
                        null,
                        Map.of("INSERTION_TIME", "1"),
                        null,
                        42L,
                        7L,
                        null,
                        Map.of()));
        List<AddFile> decoded = decodeAll(FileListCodec.encode(files));
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(files);
        AddFile nullRegion = decoded.stream()
                .filter(f -> f.path().contains("HIVE_DEFAULT"))
                .findFirst()
                .orElseThrow();
        assertThat(nullRegion.partitionValues()).containsEntry("region", null);
    }

    @Test
    void largeListsSplitIntoPartsThatShareTheirPartitionMaps() {
        List<AddFile> files = new ArrayList<>();
        for (int i = 0; i < FileListCodec.PART_FILES * 2 + 17; i++) {
            files.add(new AddFile(
                    "p" + (i % 3) + "/f" + i + ".parquet",
                    partition("r" + (i % 3), "d"),
                    i,
                    i,
                    true,
                    "{\"numRecords\":" + i + "}"));
        }
        List<FileListCodec.EncodedPart> parts = FileListCodec.encode(files);
        assertThat(parts).hasSize(3);
        List<AddFile> decoded = decodeAll(parts);
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(files);
        Map<Map<String, String>, Map<String, String>> instances = new HashMap<>();
        for (AddFile f : decoded) {
            assertThat(f.partitionValues()).isInstanceOf(ImmutableStringMap.class);
            assertThat(instances.computeIfAbsent(f.partitionValues(), k -> f.partitionValues()))
                    .isSameAs(f.partitionValues());
        }
    }

    @Test
    void anEmptyListIsOneEmptyPart() {
        List<FileListCodec.EncodedPart> parts = FileListCodec.encode(List.of());
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).firstHash()).isNull();
        assertThat(decodeAll(parts)).isEmpty();
    }

    @Test
    void damagedPartsAreRefused() {
        byte[] part = FileListCodec.encode(List.of(new AddFile("a.parquet", Map.of(), 1, 2, true, "{}")))
                .get(0)
                .data();

        byte[] flipped = part.clone();
        flipped[20] ^= 1;
        assertThatThrownBy(() -> FileListCodec.decode(flipped))
                .isInstanceOf(FileListCodec.CorruptFileListException.class)
                .hasMessageContaining("checksum");

        byte[] truncated = Arrays.copyOf(part, part.length - 9);
        assertThatThrownBy(() -> FileListCodec.decode(truncated))
                .isInstanceOf(FileListCodec.CorruptFileListException.class);
        assertThatThrownBy(() -> FileListCodec.decode(new byte[3]))
                .isInstanceOf(FileListCodec.CorruptFileListException.class);
        // A part of another format, even with a valid checksum, is refused (the loader then reads the rows).
        byte[] otherFormat = part.clone();
        otherFormat[4] = 1;
        CRC32 crc = new CRC32();
        crc.update(otherFormat, 0, otherFormat.length - 4);
        ByteBuffer.wrap(otherFormat).putInt(otherFormat.length - 4, (int) crc.getValue());
        assertThatThrownBy(() -> FileListCodec.decode(otherFormat))
                .isInstanceOf(FileListCodec.CorruptFileListException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> FileListCodec.decode("not a file list at all, just text".getBytes()))
                .isInstanceOf(FileListCodec.CorruptFileListException.class);
    }

    /**
     * Files are stored clustered by partition in hash order: each partition's files are
     * contiguous, a small partition shares a part only while the part stays small, a partition
     * too big for one part spans parts of its own, and every part's hash range bounds its files.
     */
    @Test
    void partsAreClusteredByPartitionAndRecordTheirHashRanges() {
        List<AddFile> files = new ArrayList<>();
        int big = FileListCodec.PART_FILES + 5;
        for (int i = 0; i < big; i++) {
            files.add(new AddFile("big/f" + i + ".parquet", partition("big", "1"), i, i, true, null));
        }
        for (int p = 0; p < 40; p++) { // small partitions, interleaved in the list
            for (int i = 0; i < 30; i++) {
                files.add(new AddFile(
                        "small" + p + "/f" + i + ".parquet",
                        partition("s" + p, null),
                        i,
                        i,
                        true,
                        "{\"numRecords\":" + i + "}"));
            }
        }
        Collections.shuffle(files, new Random(7));
        List<FileListCodec.EncodedPart> parts = FileListCodec.encode(files);
        assertThat(decodeAll(parts)).containsExactlyInAnyOrderElementsOf(files);

        Map<String, Integer> partsPerPartition = new HashMap<>();
        String previousLast = null;
        for (FileListCodec.EncodedPart part : parts) {
            List<AddFile> decoded = FileListCodec.decode(part.data());
            assertThat(decoded).hasSize(part.files());
            List<String> hashes = decoded.stream()
                    .map(f -> PartitionHashes.of(f.partitionValues()))
                    .toList();
            assertThat(hashes).isSorted();
            assertThat(hashes.get(0)).isEqualTo(part.firstHash());
            assertThat(hashes.get(hashes.size() - 1)).isEqualTo(part.lastHash());
            if (previousLast != null) {
                assertThat(part.firstHash()).isGreaterThanOrEqualTo(previousLast);
            }
            previousLast = part.lastHash();
            new HashSet<>(hashes).forEach(h -> partsPerPartition.merge(h, 1, Integer::sum));
            assertThat(part.data().length <= FileListCodec.SHARED_PART_BYTES
                            || hashes.stream().distinct().count() == 1)
                    .as("a part of several partitions stays small")
                    .isTrue();
        }
        assertThat(partsPerPartition.get(PartitionHashes.of(partition("big", "1"))))
                .isEqualTo(2);
        partsPerPartition.remove(PartitionHashes.of(partition("big", "1")));
        assertThat(partsPerPartition)
                .hasSize(40)
                .allSatisfy((hash, count) -> assertThat(count).isEqualTo(1));
    }

    @Test
    void aSelectiveDecodeKeepsOnlyTheWantedPartitionsButChecksTheWholePart() {
        List<AddFile> files = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            files.add(new AddFile(
                    "f" + i + ".parquet",
                    partition(i % 3 == 0 ? null : "r" + (i % 3), "d"),
                    i,
                    i,
                    i % 2 == 0,
                    i % 5 == 0 ? null : "{\"numRecords\":" + i + "}"));
        }
        files.add(new AddFile(
                "tagged.parquet",
                partition("r1", "d"),
                5,
                6,
                true,
                null,
                Map.of("k", "v"),
                null,
                null,
                null,
                null,
                Map.of()));
        files.add(new AddFile(
                "tagged-other.parquet",
                partition("r2", "d"),
                5,
                6,
                true,
                null,
                Map.of("k", "v"),
                null,
                null,
                null,
                null,
                Map.of()));
        List<FileListCodec.EncodedPart> parts = FileListCodec.encode(files);
        assertThat(parts).hasSize(1);
        Set<String> wanted = Set.of(PartitionHashes.of(partition("r1", "d")), PartitionHashes.of(partition(null, "d")));
        FileListCodec.Decoded decoded = FileListCodec.decodePart(parts.get(0).data(), wanted);
        assertThat(decoded.stored()).isEqualTo(files.size());
        assertThat(decoded.files())
                .containsExactlyInAnyOrderElementsOf(files.stream()
                        .filter(f -> !"r2".equals(f.partitionValues().get("region")))
                        .toList());

        byte[] flipped = parts.get(0).data().clone();
        flipped[flipped.length / 2] ^= 1;
        assertThatThrownBy(() -> FileListCodec.decodePart(flipped, wanted))
                .isInstanceOf(FileListCodec.CorruptFileListException.class);
    }
}
