package io.deltasql.core.mirror;

import io.deltasql.core.DeltaSqlErrors;
import java.util.Locale;
import java.util.Optional;

/**
 * When the mirror writes a commit's {@code <version>.json} relative to the commit call returning.
 * Either way the catalog is the authority: a commit is durable once the catalog has it, and a
 * version not yet written stays pending in {@code sys.mirror} until the reconciler writes it.
 */
public enum MirrorTiming {
    /**
     * Before the commit call returns (the default): a reader of {@code _delta_log} sees a version as
     * soon as its commit is acknowledged. On an object store each commit waits for one PUT.
     */
    BEFORE_RETURN,
    /**
     * Right after the call returns, by one background publisher per catalog, in commit order: commits
     * do not wait for the store, and a reader of {@code _delta_log} sees a version once it is
     * written (usually one store round trip later), until then the one before it. The publisher
     * holds at most 100 unwritten commits; past that a commit waits for room, so under a sustained
     * load commits go at the store's pace and the log is never far behind.
     */
    AFTER_RETURN;

    /** The connection setting's name: {@code mirror=true|async|false}. */
    public static final String SETTING = "mirror";

    /**
     * The timing a {@code mirror} setting asks for: {@code true} or {@code sync} (and no value)
     * before the commit returns, {@code async} after; empty for {@code false} (another process
     * mirrors).
     *
     * @throws io.deltasql.core.InvalidRequestException (22023) for any other value
     */
    public static Optional<MirrorTiming> ofSetting(String value) {
        if (value == null) {
            return Optional.of(BEFORE_RETURN);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "sync", "" -> Optional.of(BEFORE_RETURN);
            case "async" -> Optional.of(AFTER_RETURN);
            case "false" -> Optional.empty();
            default ->
                throw DeltaSqlErrors.invalid("mirror='" + value + "' is not a mirror setting: use true (write each"
                        + " commit's log file before the commit returns), async (right after it returns) or false (do not"
                        + " write _delta_log)");
        };
    }
}
