package io.deltasql.bench;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A SIMULATED object store: the local file system under the scheme {@code slowfile:}, where every
 * request (open, list, status) first sleeps a set delay (default 20 ms, setting {@value #DELAY_KEY}), the order
 * of a first-byte latency of S3 or ADLS. Only a simulation: no throughput limit, no request costs,
 * no eventual consistency.
 */
public class SlowFileSystem extends RawLocalFileSystem {
    public static final String DELAY_KEY = "deltasql.bench.slowfile.delayMs";
    private static final URI NAME = URI.create("slowfile:///");

    private volatile long delayMs = 20;

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        delayMs = conf.getInt(DELAY_KEY, 20);
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "slowfile";
    }

    /** Requests made inside another (a listing asks each child's status) are part of it: one delay. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private interface Call<T> {
        T call() throws IOException;
    }

    private <T> T delayed(Call<T> call) throws IOException {
        int[] depth = DEPTH.get();
        if (depth[0] == 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        depth[0]++;
        try {
            return call.call();
        } finally {
            depth[0]--;
        }
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return delayed(() -> super.open(f, bufferSize));
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        return delayed(() -> super.listStatus(f));
    }

    @Override
    public RemoteIterator<LocatedFileStatus> listFiles(Path f, boolean recursive)
            throws FileNotFoundException, IOException {
        return delayed(() -> super.listFiles(f, recursive));
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return delayed(() -> super.getFileStatus(f));
    }
}
