package io.deltasql.server.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much the command line logs. By default deltasql's own messages at INFO and, from the
 * libraries (Hadoop, Parquet, Calcite, Avatica, Delta Kernel, HikariCP, Jetty), only warnings and
 * errors: {@code simplelogger.properties} says so for SLF4J, and this class for
 * {@code java.util.logging}, which jline and some libraries use. {@code --verbose} turns the
 * libraries up to INFO.
 *
 * <p>SLF4J's simple logger reads its settings once, when the first logger is made, so this runs
 * before any command class (which hold loggers) is loaded. Settings the user gave as system
 * properties ({@code DELTASQL_JAVA_OPTS="-Dorg.slf4j.simpleLogger.…"}) are left as they are.
 */
final class CliLogging {
    static final String VERBOSE_OPTION = "--verbose";
    private static final String SLF4J_PREFIX = "org.slf4j.simpleLogger.";
    /** Library loggers that simplelogger.properties holds at ERROR (their warnings say nothing to a user), let through with --verbose. */
    private static final List<String> SILENCED = List.of(
            "org.apache.hadoop.util.NativeCodeLoader",
            "io.delta.kernel",
            "org.apache.calcite.avatica.remote.Driver",
            "com.azure.core.http.jdk.httpclient.JdkHttpClient");
    /**
     * The catalog's schema migrations, logged at INFO when a command creates or upgrades the
     * catalog: news for the server's log, where an operator looks for what changed, and noise
     * around the one-off commands' output (four lines before a first {@code demo}).
     */
    private static final String MIGRATIONS = "io.deltasql.core.internal.store.SchemaMigrator";

    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger JUL_ROOT = Logger.getLogger("");
    private static final Logger JUL_DELTASQL = Logger.getLogger("io.deltasql");

    private CliLogging() {}

    /** Whether a command line asks for library logging ({@code --verbose} before any {@code --}). */
    static boolean verboseRequested(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals(VERBOSE_OPTION)) {
                return true;
            }
        }
        return false;
    }

    /** The command a command line runs: its first argument that is not an option (global options take no value), or null. */
    static String command(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** Sets the log levels for running {@code command} (null: none); call before the first logger is made. */
    static void configure(boolean verbose, String command) {
        if (!verbose && !"server".equals(command)) {
            setIfAbsent(SLF4J_PREFIX + "log." + MIGRATIONS, "warn");
        }
        if (verbose) {
            setIfAbsent(SLF4J_PREFIX + "defaultLogLevel", "info");
            for (String logger : SILENCED) {
                setIfAbsent(SLF4J_PREFIX + "log." + logger, "info");
            }
        }
        JUL_ROOT.setLevel(verbose ? Level.INFO : Level.WARNING);
        JUL_DELTASQL.setLevel(Level.INFO);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
