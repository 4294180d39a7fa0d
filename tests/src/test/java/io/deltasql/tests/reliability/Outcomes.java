package io.deltasql.tests.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Tallies what hostile inputs got back, and what was not a clear error (an anomaly). */
final class Outcomes {
    final Map<String, Integer> states = new TreeMap<>();
    final List<String> anomalies = new ArrayList<>();
    /** Full messages of the anomalies, for a file next to the run. */
    final List<String> details = new ArrayList<>();

    int tried;

    void ok() {
        tried++;
        states.merge("ok", 1, Integer::sum);
    }

    /**
     * Records an SQLException; an empty, generic ({@code XX000}, {@code 00000}) or missing SQLState is
     * an anomaly, and so is class 08 (the catalog unavailable) on a catalog that is up.
     */
    String refused(String label, SQLException e) {
        tried++;
        String state = e.getSQLState();
        states.merge(String.valueOf(state), 1, Integer::sum);
        // Class 08 says the catalog is unreachable: for bad input on a healthy catalog it misleads (K5).
        if (state == null
                || state.isBlank()
                || state.equals("XX000")
                || state.equals("00000")
                || state.equals("HY000")
                || state.startsWith("08")) {
            anomalies.add(label + ": unclear SQLState " + state + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            details.add(label + "\n" + trace);
        }
        return state;
    }

    void unexpected(String label, Throwable t) {
        tried++;
        states.merge(t.getClass().getSimpleName(), 1, Integer::sum);
        anomalies.add(label + ": not an SQLException: " + t + " " + abbreviate(String.valueOf(t.getMessage())));
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        details.add(label + "\n" + trace);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "…(" + one.length() + " chars)" : one;
    }

    void writeDetails(Path file) throws IOException {
        Files.writeString(file, String.join("\n\n", anomalies) + "\n\n" + String.join("\n\n", details));
    }

    String figures() {
        return "tried=" + tried + " outcomes=" + states.toString().replace(" ", "") + " anomalies=" + anomalies.size();
    }
}
