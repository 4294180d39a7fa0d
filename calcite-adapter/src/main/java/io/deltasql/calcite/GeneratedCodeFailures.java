package io.deltasql.calcite;

import io.deltasql.core.DeltaSqlException;
import io.deltasql.core.SqlStates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Calcite's generated Java out of error messages. When the code Calcite generates for a
 * plan does not compile (Janino refuses a method beyond the JVM's 64 KB, for one), Calcite's
 * exception carries the whole source, up to a megabyte of it; a user gets a short message with
 * SQLState 54001 (statement too complex) and a reference under which the details are logged at
 * debug level.
 */
final class GeneratedCodeFailures {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedCodeFailures.class);
    static final String COMPILE_FAILURE = "Error while compiling generated Java code";

    private GeneratedCodeFailures() {}

    /** {@code e} itself, unless it (or a cause) is a compile failure of generated code: then a short replacement. */
    static RuntimeException hideCode(RuntimeException e) {
        Throwable compile = compileFailure(e);
        if (compile == null) {
            return e;
        }
        String reference = reference(e);
        LOG.debug("generated code failed to compile (reference {})", reference, e);
        String why = messages(e).contains("grows beyond 64 KB")
                ? "the Java code Calcite generates for it exceeds the JVM's limit of 64 KB per method"
                : "the Java code Calcite generates for it does not compile";
        return new DeltaSqlException(
                "the statement is too large or complex to run: " + why + " (reference " + reference
                        + " in the debug log of io.deltasql.calcite.GeneratedCodeFailures); split it into smaller statements",
                SqlStates.STATEMENT_TOO_COMPLEX);
    }

    private static Throwable compileFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // By name: Janino's exception is relocated in the shaded driver.
            if (c.getClass().getName().endsWith("CompileException")
                    || (c.getMessage() != null && c.getMessage().startsWith(COMPILE_FAILURE))) {
                return c;
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** A short hash of the failure's messages, to find it in the log. */
    private static String reference(Throwable e) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(messages(e).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            return Integer.toHexString(messages(e).hashCode());
        }
    }
}
