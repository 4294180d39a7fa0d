package io.deltasql.core.location;

import io.deltasql.core.DeltaSqlErrors;
import io.deltasql.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where tables (and files outside a table's own directory) may be: the prefixes of the catalog
 * setting {@code allowedLocations} (server option {@code --allowed-locations}). Unset, any
 * absolute location is accepted (the embedded, single-user case); set but empty, none is (the
 * server without the option), so a remote client cannot make the server write where it likes.
 */
public final class AllowedLocations {
    /** Catalog setting (Properties key) holding the comma-separated prefixes. */
    public static final String SETTING = "allowedLocations";
    /** The server option that sets {@link #SETTING}. */
    public static final String SERVER_OPTION = "--allowed-locations";

    private static final AllowedLocations ANY = new AllowedLocations(null);

    private final List<CanonicalLocation> prefixes; // null: unrestricted

    private AllowedLocations(List<CanonicalLocation> prefixes) {
        this.prefixes = prefixes == null ? null : List.copyOf(prefixes);
    }

    /** No restriction: any absolute location. */
    public static AllowedLocations any() {
        return ANY;
    }

    /**
     * Only locations under one of {@code prefixes} (plain absolute paths or URIs); an empty list
     * allows none.
     *
     * @throws InvalidRequestException when a prefix is relative or has a {@code ..} segment
     */
    public static AllowedLocations of(List<String> prefixes) {
        List<CanonicalLocation> parsed = new ArrayList<>();
        for (String p : prefixes) {
            if (p != null && !p.isBlank()) {
                parsed.add(CanonicalLocation.parse("allowed location", p.trim()));
            }
        }
        return new AllowedLocations(parsed);
    }

    /** Parses the comma-separated setting; null means unset (no restriction). */
    public static AllowedLocations parse(String setting) {
        return setting == null ? ANY : of(List.of(setting.split(",")));
    }

    public boolean restricted() {
        return prefixes != null;
    }

    /** The prefixes, or empty when unrestricted. */
    public Optional<List<CanonicalLocation>> prefixes() {
        return Optional.ofNullable(prefixes);
    }

    /** True when unrestricted or {@code location} lies under one of the prefixes. */
    public boolean permits(CanonicalLocation location) {
        return prefixes == null || prefixes.stream().anyMatch(p -> p.contains(location));
    }

    /** Refuses (42501, permission denied) a table location outside the allowed ones; the message says how to allow it. */
    public void checkTableLocation(String table, String location, CanonicalLocation canonical) {
        if (permits(canonical)) {
            return;
        }
        if (prefixes.isEmpty()) {
            throw DeltaSqlErrors.permissionDenied(
                    "Delta table '" + table + "': location '" + location + "' is refused: this catalog"
                            + " allows no table locations; start the server with " + SERVER_OPTION
                            + " <prefix,...> (catalog setting "
                            + SETTING + ") naming the directories tables may live in");
        }
        throw DeltaSqlErrors.permissionDenied(
                "Delta table '" + table + "': location '" + location + "' is outside the allowed" + " locations " + this
                        + " (" + SERVER_OPTION + ", catalog setting " + SETTING + ")");
    }

    @Override
    public String toString() {
        return prefixes == null ? "(any)" : prefixes.toString();
    }
}
