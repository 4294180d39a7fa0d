package io.deltasql.core.internal.mirror;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

/**
 * Delta Kernel's default engine on a Hadoop configuration that uses the raw local file system, so
 * stale {@code .crc} files next to log files are not checked, and that does not share a cached
 * file system with other Hadoop users in the process.
 */
public final class KernelEngines {
    private KernelEngines() {}

    public static Engine create() {
        Configuration conf = new Configuration();
        // Hadoop resolves class names (fs.file.impl below) through the thread's context class loader
        // by default; in a SQL tool that loaded the driver jar in a class loader of its own, that is
        // the tool's, which does not see the Hadoop classes bundled (and renamed) in the jar.
        conf.setClassLoader(KernelEngines.class.getClassLoader());
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        // Named here as well as in Hadoop's core-default.xml (which the shaded driver jar leaves out:
        // the class names in it are not the jar's renamed ones): Kernel's log store writes through it.
        conf.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.LocalFs");
        return DefaultEngine.create(conf);
    }
}
