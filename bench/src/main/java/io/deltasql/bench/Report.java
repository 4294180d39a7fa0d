package io.deltasql.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run found: one table per scenario, the target checks, chart points and run notes. */
public final class Report {
    /** One scenario's table. */
    public static final class Section {
        final String title;
        final String description;
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Section(String title, String description, List<String> header) {
            this.title = title;
            this.description = description;
            this.header = header;
        }

        public void row(Object... cells) {
            List<String> r = new ArrayList<>();
            for (Object c : cells) {
                r.add(String.valueOf(c));
            }
            rows.add(r);
        }

        public void note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
    }

    /** A target from the issue, checked on the measured median unless it says otherwise. */
    public record Check(String catalog, String scenario, String target, String measured, boolean met) {}

    /** One point of the latency-against-size chart. */
    public record Point(String catalog, String series, long files, double ms) {}

    final Map<String, Section> sections = new LinkedHashMap<>();
    final List<Check> checks = new ArrayList<>();
    final List<Point> points = new ArrayList<>();
    final List<String> runNotes = new ArrayList<>();

    public Section section(String id, String title, String description, String... header) {
        return sections.computeIfAbsent(id, k -> new Section(title, description, List.of(header)));
    }

    /** Records a target check and returns the cell to show ("yes"/"**no**"). */
    public String check(String catalog, String scenario, String target, double measured, double limit, String unit) {
        boolean met = measured <= limit;
        checks.add(new Check(catalog, scenario, target, Fmt.num(measured) + " " + unit, met));
        return met ? "yes" : "**no**";
    }

    public void point(String catalog, String series, long files, double ms) {
        points.add(new Point(catalog, series, files, ms));
    }

    public void runNote(String note) {
        runNotes.add(note);
    }
}
