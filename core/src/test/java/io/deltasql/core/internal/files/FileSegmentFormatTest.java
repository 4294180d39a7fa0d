package io.deltasql.core.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import io.deltasql.core.protocol.AddFile;
import io.deltasql.core.protocol.DeletionVectorDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A segment written as bytes reads back as the same files; bytes that are not a segment are refused. */
class FileSegmentFormatTest {
    @Test
    void segmentsRoundTripThroughBytes() {
        List<AddFile> files =
                new ArrayList<>(CompactFileListTest.randomFiles(new Random(21), FileSegment.MAX_FILES - 2));
        files.add(AddFile.builder()
                .path("dv.parquet")
                .partitionValues(Map.of("region", "r1"))
                .size(1)
                .modificationTime(2)
                .tags(Map.of("t", "v"))
                .deletionVector(new DeletionVectorDescriptor(
                        "i", "wi5b=000010000siXQKl0rr91000f55c8Xg0@fTNL9m^", null, 36, 3L, null, Map.of()))
                .baseRowId(7L)
                .defaultRowCommitVersion(8L)
                .extra(Map.of("future", IntNode.valueOf(1)))
                .build());
        files.add(new AddFile("last.parquet", Map.of(), 0, 0, false, "{\"numRecords\":1}"));
        FileSegment segment = FileSegment.of(files);
        FileSegment back = FileSegmentFormat.fromBytes(FileSegmentFormat.toBytes(segment));
        assertEquals(files, new ArrayList<>(CompactFileList.ofSegments(List.of(back))));
        FileSegment empty = FileSegment.of(List.of());
        assertEquals(
                List.of(),
                new ArrayList<>(CompactFileList.ofSegments(
                        List.of(FileSegmentFormat.fromBytes(FileSegmentFormat.toBytes(empty))))));
    }

    @Test
    void truncatedOrPaddedOrGarbledBytesAreRefused() {
        byte[] bytes = FileSegmentFormat.toBytes(FileSegment.of(CompactFileListTest.randomFiles(new Random(4), 500)));
        for (int cut : new int[] {0, 1, 5, bytes.length / 2, bytes.length - 1}) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThrows(IllegalArgumentException.class, () -> FileSegmentFormat.fromBytes(truncated), "cut at " + cut);
        }
        byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);
        assertThrows(IllegalArgumentException.class, () -> FileSegmentFormat.fromBytes(padded));
        byte[] hugeCount = bytes.clone();
        hugeCount[0] = (byte) 0xFF;
        hugeCount[1] = (byte) 0xFF;
        assertThrows(IllegalArgumentException.class, () -> FileSegmentFormat.fromBytes(hugeCount));
        assertThrows(IllegalArgumentException.class, () -> FileSegmentFormat.fromBytes(new byte[] {(byte) 0x80}));
    }
}
