package io.deltasql.tests.reliability;

import java.util.List;
import java.util.Optional;

/**
 * Anomalies the reliability tests found that are not fixed yet (see docs/RELIABILITY.md, "Open
 * findings"). The tests print them as {@code KNOWN <id>} lines and fail only on anomalies not listed
 * here; delete an entry when its fix lands, so the test guards it from then on.
 */
final class KnownIssues {
    record Issue(String id, String summary, List<String> markers) {
        boolean matches(String anomaly) {
            return markers.stream().allMatch(anomaly::contains);
        }
    }

    static final List<Issue> ISSUES = List.of(new Issue(
            "K8",
            "how deep a nesting the SQL parser takes depends on the thread's stack: a server thread may"
                    + " refuse (42601) what the local driver parses",
            List.of("SQLState differs: deep-nesting", "remote 42601")));

    private KnownIssues() {}

    static Optional<Issue> match(String anomaly) {
        return ISSUES.stream().filter(i -> i.matches(anomaly)).findFirst();
    }

    /** Prints each anomaly (as KNOWN or ANOMALY) and returns those not known. */
    static List<String> unknown(String where, List<String> anomalies) {
        for (String a : anomalies) {
            Optional<Issue> known = match(a);
            System.out.println((known.isPresent() ? "KNOWN " + known.get().id() + " " : "ANOMALY ") + where + ": "
                    + Outcomes.abbreviate(a));
        }
        return anomalies.stream().filter(a -> match(a).isEmpty()).toList();
    }
}
