package io.deltasql.core.mirror;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

/**
 * Delta Kernel's default engine on a Hadoop configuration that uses the raw local file system, so
 * stale {@code .crc} files next to log files are not checked, and that does not share a cached
 * file system with other Hadoop users in the process.
 */
public final class KernelEngines {
    private KernelEngines() {
    }

    public static Engine create() {
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        return DefaultEngine.create(conf);
    }
}
