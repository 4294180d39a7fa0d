package io.deltasql.core.internal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import io.deltasql.core.FileFilter;
import io.deltasql.core.FileKey;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import io.deltasql.core.protocol.ImmutableStringMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The compact file list gives back exactly the adds it was given, however odd their fields. */
class CompactFileListTest {
    private static final String[] ODD_STATS = {
        null,
        "",
        "{}",
        "{\"numRecords\":0}",
        "{\"numRecords\":-0,\"x\":007,\"y\":-12,\"z\":1.5,\"w\":1e10,\"v\":-2.5E-3}",
        "{\"min\":" + Long.MIN_VALUE + ",\"max\":" + Long.MAX_VALUE + ",\"big\":99999999999999999999}",
        "{\"s\":\"with \\\"quotes\\\" and \\\\ and \\u00e9\",\"t\":\"é ü 中文 \uD83D\uDE00\"}",
        "{ \"spaced\" : \"value\" , \"n\" : 5 }",
        "{\"arr\":[1,2,\"three\",null,true],\"nested\":{\"a\":{\"b\":[{\"c\":4}]}}}",
        "{\"unterminated\":\"abc",
        "not json at all 123 \"x",
        "\"",
        "-",
        "{\"nullCount\":{\"a\":null,\"b\":false}}",
    };

    @Test
    void randomAddsRoundTripInOrderByIterationAndByIndex() {
        List<AddFile> files = randomFiles(new Random(42), 40_000);
        CompactFileList compact = CompactFileList.of(files);
        assertEquals(files.size(), compact.size());
        assertEquals(files, new ArrayList<>(compact));
        Random r = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            int index = r.nextInt(files.size());
            assertEquals(files.get(index), compact.get(index), "file " + index);
            assertEquals(files.get(index).stats(), compact.get(index).stats(), "stats of file " + index);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> compact.get(files.size()));
        assertThrows(IndexOutOfBoundsException.class, () -> compact.get(-1));
    }

    @Test
    void oddStatsPathsAndNonPlainAddsRoundTrip() {
        List<AddFile> files = new ArrayList<>();
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("region", null);
        withNull.put("day", "2026-01-01");
        String[] paths = {
            "a",
            "a",
            "ab",
            "b",
            "é/ü/中文/\uD83D\uDE00.parquet",
            "x=1/part-00000-3f1c.snappy.parquet",
            "x=1/part-00001-3f1c.snappy.parquet",
            "s3://bucket/abs/path with spaces/f.parquet",
            "%20encoded%3D"
        };
        for (int i = 0; i < ODD_STATS.length * 3; i++) {
            String stats = ODD_STATS[i % ODD_STATS.length];
            files.add(new AddFile(
                    paths[i % paths.length] + (i / paths.length),
                    i % 2 == 0 ? withNull : Map.of(),
                    i % 5 == 0 ? 0 : i * 1000L,
                    i % 7 == 0 ? -i : 1_700_000_000_000L + i,
                    i % 3 != 0,
                    stats));
        }
        DeletionVectorDescriptor dv =
                new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6L, null, Map.of());
        files.add(AddFile.builder()
                .path("dv.parquet")
                .size(10)
                .modificationTime(20)
                .stats("{\"numRecords\":3}")
                .tags(Map.of("tag", "v"))
                .deletionVector(dv)
                .baseRowId(100L)
                .defaultRowCommitVersion(5L)
                .clusteringProvider("liquid")
                .extra(Map.of("unknownField", TextNode.valueOf("kept")))
                .build());
        files.add(new AddFile("after-dv.parquet", Map.of(), 11, 21, false, "{\"numRecords\":4}"));
        CompactFileList compact = CompactFileList.of(files);
        assertEquals(files, new ArrayList<>(compact));
        for (int i = 0; i < files.size(); i++) {
            assertEquals(files.get(i).stats(), compact.get(i).stats(), "stats of file " + i);
            assertEquals(files.get(i).partitionValues(), compact.get(i).partitionValues());
        }
        AddFile decodedDv = compact.get(files.size() - 2);
        assertEquals(dv, decodedDv.deletionVector());
        assertEquals("kept", decodedDv.extra().get("unknownField").asText());
        assertNull(compact.get(0).stats());
    }

    @Test
    void manyPartitionsAndManyStatsShapesRoundTrip() {
        List<AddFile> files = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            // 70,000 distinct partitions need four-byte ids; 1,000 stats shapes exceed one segment's template budget.
            Map<String, String> partition = ImmutableStringMap.copyOf(Map.of("p", Integer.toString(i)));
            String stats = "{\"numRecords\":" + i + ",\"col" + (i % 1_000) + "\":" + (i * 3) + "}";
            files.add(new AddFile("p=" + i + "/f.parquet", partition, i, i, true, stats));
        }
        assertEquals(files, new ArrayList<>(CompactFileList.of(files)));
        List<AddFile> few = files.subList(0, 300);
        assertEquals(few, new ArrayList<>(CompactFileList.of(few)));
    }

    @Test
    void selectByPartitionOrPathMatchesAFilterOverTheAdds() {
        List<AddFile> files = randomFiles(new Random(3), 30_000);
        CompactFileList compact = CompactFileList.of(files);
        FileFilter one = FileFilter.ALL.withPartition("region", Set.of("r7"));
        FileFilter several = FileFilter.ALL.withPartition("region", new HashSet<>(Arrays.asList("r1", "r12", null)));
        FileFilter paths = FileFilter.ALL.withPaths(
                Set.of(files.get(5).path(), files.get(29_999).path(), "missing"));
        for (FileFilter f : List.of(one, several, paths)) {
            assertEquals(files.stream().filter(f::matches).toList(), compact.select(f), f.toString());
        }
        assertSame(compact, compact.select(FileFilter.ALL));
    }

    @Test
    void advanceDropsKeysAppendsAddsAndSharesUntouchedSegments() {
        List<AddFile> files = randomFiles(new Random(11), 3 * FileSegment.MAX_FILES + 100);
        CompactFileList compact = CompactFileList.of(files);
        Set<FileKey> dropped = new HashSet<>();
        dropped.add(FileKey.of(files.get(10)));
        dropped.add(FileKey.of(files.get(FileSegment.MAX_FILES * 3 + 5)));
        dropped.add(new FileKey(files.get(20).path(), "some-dv")); // same path, other deletion vector: kept
        List<AddFile> added = randomFiles(new Random(12), 50).stream()
                .map(f -> new AddFile(
                        "new/" + f.path(), f.partitionValues(), f.size(), f.modificationTime(), true, f.stats()))
                .toList();
        CompactFileList next = compact.advance(dropped, added);
        List<AddFile> expected = new ArrayList<>();
        for (AddFile f : files) {
            if (!dropped.contains(FileKey.of(f))) {
                expected.add(f);
            }
        }
        expected.addAll(added);
        assertEquals(expected, new ArrayList<>(next));
        assertEquals(expected, byIndex(next));
        assertEquals(expected, new ArrayList<>(CompactFileList.ofSegments(next.segments())));
        assertEquals(files, new ArrayList<>(compact), "the older list is unchanged");
        assertSame(compact, compact.advance(Set.of(), List.of()));
        assertEquals(files, new ArrayList<>(compact.advance(Set.of(new FileKey("not-there", null)), List.of())));
    }

    @Test
    void manySmallAdvancesStayCorrect() {
        List<AddFile> files = new ArrayList<>(randomFiles(new Random(5), 5_000));
        CompactFileList compact = CompactFileList.of(files);
        Random r = new Random(6);
        for (int commit = 0; commit < 60; commit++) {
            AddFile gone = files.remove(r.nextInt(files.size()));
            AddFile fresh = new AddFile(
                    "c" + commit + "/" + gone.path(),
                    gone.partitionValues(),
                    gone.size() + 1,
                    commit,
                    true,
                    gone.stats());
            files.add(fresh);
            compact = compact.advance(new HashSet<>(Set.of(FileKey.of(gone), FileKey.of(fresh))), List.of(fresh));
            if (commit % 20 == 0) {
                assertEquals(files, byIndex(compact), "after commit " + commit);
            }
        }
        assertEquals(files, new ArrayList<>(compact));
        assertEquals(files, byIndex(compact));
        assertEquals(files, new ArrayList<>(CompactFileList.ofSegments(compact.segments())));
        // Dropping most files re-encodes what is left.
        Set<FileKey> most = new HashSet<>();
        files.subList(0, 4_000).forEach(f -> most.add(FileKey.of(f)));
        CompactFileList rest = compact.advance(most, List.of());
        assertEquals(files.subList(4_000, files.size()), new ArrayList<>(rest));
        assertEquals(files.subList(4_000, files.size()), byIndex(rest));
        FileFilter region = FileFilter.ALL.withPartition("region", Set.of("r3"));
        assertEquals(
                files.subList(4_000, files.size()).stream()
                        .filter(region::matches)
                        .toList(),
                rest.select(region));
    }

    private static List<AddFile> byIndex(List<AddFile> list) {
        List<AddFile> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get(i));
        }
        return out;
    }

    @Test
    void aStoredListsSmallSegmentsAreKeptWhileAppendedOnesAreMerged() {
        // A checkpoint stores one small segment per partition: advancing must not re-encode them.
        List<AddFile> files = randomFiles(new Random(8), 2_000);
        List<FileSegment> stored = new ArrayList<>();
        for (int from = 0; from < files.size(); from += 100) {
            stored.add(FileSegment.of(files.subList(from, from + 100)));
        }
        CompactFileList list = CompactFileList.ofSegments(stored);
        List<AddFile> expected = new ArrayList<>(files);
        for (int commit = 0; commit < 30; commit++) {
            AddFile added = new AddFile("appended-" + commit, Map.of(), commit, commit, true, null);
            list = list.advance(Set.of(FileKey.of(added)), List.of(added));
            expected.add(added);
            assertThat(list.segments().size()).as("after commit " + commit).isBetween(21, 20 + 9);
        }
        assertEquals(expected, new ArrayList<>(list));
        for (int i = 0; i < 20; i++) {
            assertSame(stored.get(i), list.segments().get(i), "stored segment " + i + " is shared");
        }
    }

    /** Adds shaped like writers' output: partitioned paths with ids, stats with growing numbers and texts. */
    static List<AddFile> randomFiles(Random r, int n) {
        Map<String, Map<String, String>> partitions = new HashMap<>();
        List<AddFile> files = new ArrayList<>(n);
        long id = r.nextInt(1000);
        for (int i = 0; i < n; i++) {
            String region = r.nextInt(20) == 0 ? null : "r" + r.nextInt(50);
            Map<String, String> p = partitions.computeIfAbsent(String.valueOf(region), k -> {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("region", region);
                return ImmutableStringMap.copyOf(m);
            });
            String path = "region=" + region + "/part-" + String.format("%05d", i % 300) + "-"
                    + new UUID(r.nextLong(), r.nextLong()) + ".c000.snappy.parquet";
            long rows = 1 + r.nextInt(100_000);
            String stats = switch (r.nextInt(10)) {
                case 0 -> null;
                case 1 -> ODD_STATS[r.nextInt(ODD_STATS.length)];
                case 2 ->
                    "{\"numRecords\":" + rows + ",\"minValues\":{\"price\":" + r.nextDouble()
                            + "},\"maxValues\":{\"price\":" + (r.nextDouble() * 1e6) + "},\"nullCount\":{\"price\":"
                            + r.nextInt(3) + "}}";
                default ->
                    "{\"numRecords\":" + rows + ",\"minValues\":{\"id\":" + id + ",\"name\":\"n" + id
                            + "\",\"ts\":\"2026-01-"
                            + (10 + r.nextInt(20)) + "T00:00:00.000Z\"},\"maxValues\":{\"id\":" + (id + rows - 1)
                            + ",\"name\":\"z"
                            + id + "\",\"ts\":\"2026-02-01T00:00:00.000Z\"},\"nullCount\":{\"id\":0,\"name\":"
                            + r.nextInt(5)
                            + ",\"ts\":0}}";
            };
            id += rows;
            files.add(new AddFile(
                    path,
                    p,
                    r.nextInt(1 << 30) + (r.nextInt(50) == 0 ? 1L << 40 : 0),
                    1_760_000_000_000L + r.nextInt(1_000_000_000),
                    r.nextInt(10) != 0,
                    stats));
        }
        return files;
    }
}
