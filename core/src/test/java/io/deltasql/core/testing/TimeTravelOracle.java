package io.deltasql.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.HistoryEntry;
import io.deltasql.core.VersionNotFoundException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Assumptions;

/**
 * Time travel by timestamp as Delta Kernel answers it, compared with the catalog's
 * ({@link DeltaCatalog#snapshotAsOf}). Kernel 4.3 (core's own) goes by in-commit timestamps where a
 * table has them, as PROTOCOL.md defines them; Kernel 4.0 (loaded from {@code target/kernel-4.0},
 * see core's pom) by the commit files' modification times only. Kernel 4.0 runs on the test class
 * path's Parquet, newer than its own: it reads JSON commits here, not Parquet checkpoints.
 *
 * <p>One deliberate difference: for a time after the latest commit Kernel refuses (a commit may
 * still land before it), while the catalog, which decides every commit's time, answers its head.
 */
public final class TimeTravelOracle {
    /** What a reader answers for one time: a version, or that the time is before the first / after the last commit. */
    public record Answer(String kind, long version) {
        static final String VERSION = "version";
        static final String BEFORE_FIRST = "before the first commit";
        static final String AFTER_LAST = "after the last commit";

        @Override
        public String toString() {
            return kind.equals(BEFORE_FIRST) ? kind : kind + " " + version;
        }
    }

    /** A Delta reader's time travel by timestamp on a table directory. */
    public interface Reader {
        Answer asOf(Path tableDir, long millis);
    }

    private TimeTravelOracle() {}

    /** Delta Kernel 4.3, core's own (the project's reference reader). */
    public static Reader kernel43() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        Engine engine = DefaultEngine.create(conf);
        return (dir, millis) -> {
            try {
                return version(Table.forPath(engine, dir.toString())
                        .getSnapshotAsOfTimestamp(engine, millis)
                        .getVersion());
            } catch (KernelException e) {
                return refusal(e.getMessage());
            }
        };
    }

    /** Delta Kernel 4.0, in a class loader of its own; skipped (failed under CI=true) when its jars were not copied. */
    public static Reader kernel40() {
        Path jars = Path.of("target", "kernel-4.0").toAbsolutePath();
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.isDirectory(jars) ? Files.list(jars) : Stream.empty()) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + jars, e);
        }
        if (urls.size() < 3) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(jars + " lacks Delta Kernel 4.0 (copied by the build's process-test-resources phase)");
            }
            Assumptions.assumeTrue(false, jars + " lacks Delta Kernel 4.0; run the tests through Maven");
        }
        try {
            ClassLoader loader =
                    new DeltaFirstLoader(urls.toArray(URL[]::new), TimeTravelOracle.class.getClassLoader());
            Configuration conf = new Configuration();
            conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
            conf.set("fs.file.impl.disable.cache", "true");
            Class<?> engineType = loader.loadClass("io.delta.kernel.engine.Engine");
            Object engine = loader.loadClass("io.delta.kernel.defaults.engine.DefaultEngine")
                    .getMethod("create", Configuration.class)
                    .invoke(null, conf);
            Class<?> table = loader.loadClass("io.delta.kernel.Table");
            Method forPath = table.getMethod("forPath", engineType, String.class);
            Method asOf = table.getMethod("getSnapshotAsOfTimestamp", engineType, long.class);
            Method version = loader.loadClass("io.delta.kernel.Snapshot").getMethod("getVersion");
            return (dir, millis) -> {
                try {
                    Object t = forPath.invoke(null, engine, dir.toString());
                    return version((Long) version.invoke(asOf.invoke(t, engine, millis)));
                } catch (InvocationTargetException e) {
                    if (e.getCause().getClass().getName().equals("io.delta.kernel.exceptions.KernelException")) {
                        return refusal(e.getCause().getMessage());
                    }
                    throw new IllegalStateException("Kernel 4.0 failed on " + dir + " at " + millis, e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load Delta Kernel 4.0 from " + jars, e);
        }
    }

    /** The catalog's answer. */
    public static Answer catalog(DeltaCatalog catalog, String table, long millis) {
        try {
            return version(
                    catalog.snapshotAsOf(table, Instant.ofEpochMilli(millis)).version());
        } catch (VersionNotFoundException e) {
            return new Answer(Answer.BEFORE_FIRST, -1);
        }
    }

    /**
     * The times to ask at: every version's catalog time, its commit file's modification time and
     * {@code extra} times (in-commit timestamps), each 1 ms before, at and 1 ms after, and a day
     * before the first and after the last.
     */
    public static TreeSet<Long> probes(DeltaCatalog catalog, String table, Path tableDir, List<Long> extra)
            throws IOException {
        TreeSet<Long> times = new TreeSet<>(extra);
        for (HistoryEntry h : catalog.history(table)) {
            times.add(h.timestamp());
        }
        try (Stream<Path> files = Files.list(tableDir.resolve("_delta_log"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json"))
                    .toList()) {
                times.add(Files.getLastModifiedTime(f).toMillis());
            }
        }
        TreeSet<Long> probes = new TreeSet<>();
        for (long t : times) {
            probes.add(t - 1);
            probes.add(t);
            probes.add(t + 1);
        }
        probes.add(times.first() - 86_400_000L);
        probes.add(times.last() + 86_400_000L);
        return probes;
    }

    /**
     * The catalog answers as {@code reader} does at every probe (a time after the last commit: the
     * catalog's head where the reader refuses). Returns the number of probes compared.
     */
    public static int assertAgrees(DeltaCatalog catalog, String table, Path tableDir, Reader reader, List<Long> extra)
            throws IOException {
        long head = catalog.table(table).headVersion();
        int n = 0;
        for (long t : probes(catalog, table, tableDir, extra)) {
            Answer delta = reader.asOf(tableDir, t);
            Answer expected = delta.kind().equals(Answer.AFTER_LAST) ? version(head) : delta;
            assertThat(catalog(catalog, table, t))
                    .as("table %s as of %d (%s); the Delta reader answers %s", table, t, Instant.ofEpochMilli(t), delta)
                    .isEqualTo(expected);
            n++;
        }
        return n;
    }

    private static Answer version(long v) {
        return new Answer(Answer.VERSION, v);
    }

    private static Answer refusal(String message) {
        if (message.contains("is before the earliest available version")) {
            return new Answer(Answer.BEFORE_FIRST, -1);
        }
        if (message.contains("is after the latest available version")) {
            return new Answer(Answer.AFTER_LAST, -1);
        }
        throw new IllegalStateException("unexpected Kernel refusal: " + message);
    }

    /** Loads Delta's classes from its own jars first, everything else (Hadoop, Jackson, Parquet) from the test's class path. */
    private static final class DeltaFirstLoader extends URLClassLoader {
        DeltaFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.delta.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
