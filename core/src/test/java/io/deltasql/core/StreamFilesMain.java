package io.deltasql.core;

import io.deltasql.core.protocol.AddFile;

/**
 * Child-process half of {@link LargeTableStreamingTest}: lists every active file of a table with a
 * small heap (set by the parent with -Xmx) and prints how many it saw.
 */
public final class StreamFilesMain {
    private StreamFilesMain() {}

    public static void main(String[] args) {
        String url = args[0];
        String table = args[1];
        // No file-list cache: the point is to stream from the catalog.
        try (DeltaCatalog catalog = DeltaCatalog.open(
                CatalogConfig.builder(url).cacheMaxFiles(0).poolSize(2).build())) {
            Snapshot s = catalog.snapshot(table);
            long count = 0;
            long bytes = 0;
            try (CloseableIterator<AddFile> files = s.streamFiles()) {
                while (files.hasNext()) {
                    AddFile f = files.next();
                    count++;
                    bytes += f.size();
                }
            }
            System.out.println("files=" + count + " bytes=" + bytes + " expectedFiles=" + s.numFiles()
                    + " expectedBytes=" + s.sizeBytes());
        }
    }
}
