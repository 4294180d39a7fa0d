package io.deltasql.tests.readers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Delta reader the tests run in a JVM of its own, on its own class path: its libraries (Kernel
 * 4.0, Spark's Hadoop and Jackson) cannot share one with core's Kernel 4.3. Each reader module
 * writes its runtime class path to {@code target/reader.classpath}; surefire names the module
 * directories in system properties.
 */
enum ExternalReader {
    /** The reader's code on the previous Delta Kernel, 4.0 (readers/kernel40-reader's class path). */
    KERNEL_40("io.deltasql.readers.kernel.KernelReaderMain", "deltasql.kernel40Reader", List.of()),
    KERNEL_43("io.deltasql.readers.kernel.KernelReaderMain", "deltasql.kernel43Reader", List.of()),
    /** Spark on Java 17 needs the module openings its own launcher adds. */
    SPARK(
            "io.deltasql.readers.spark.SparkReaderMain",
            "deltasql.sparkReader",
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                    "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
                            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true"));

    private final String mainClass;
    private final String moduleProperty;
    private final List<String> jvmOptions;

    ExternalReader(String mainClass, String moduleProperty, List<String> jvmOptions) {
        this.mainClass = mainClass;
        this.moduleProperty = moduleProperty;
        this.jvmOptions = jvmOptions;
    }

    String mainClass() {
        return mainClass;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Whether this build includes the reader: the Spark reader is left out under {@code -DskipSpark}. */
    boolean available() {
        if (moduleProperty == null) {
            return true;
        }
        String dir = System.getProperty(moduleProperty, "");
        return !dir.isBlank() && Files.isRegularFile(Path.of(dir).resolve("target/reader.classpath"));
    }

    String classPath() {
        if (moduleProperty == null) {
            return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        }
        Path module = moduleDirectory();
        try {
            return module.resolve("target/classes")
                    + File.pathSeparator
                    + Files.readString(module.resolve("target/reader.classpath"))
                            .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "reader " + this + ": no class path file in " + module
                            + " (build the module first: mvn -pl tests -am …)",
                    e);
        }
    }

    private Path moduleDirectory() {
        String dir = System.getProperty(moduleProperty);
        if (dir == null) {
            throw new IllegalStateException(
                    "system property " + moduleProperty + " is not set (surefire sets it in tests/pom.xml)");
        }
        return Path.of(dir);
    }
}
