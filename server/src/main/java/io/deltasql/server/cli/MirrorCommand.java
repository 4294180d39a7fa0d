package io.deltasql.server.cli;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.MirrorStatus;
import io.deltasql.core.TableInfo;
import io.deltasql.core.mirror.MirrorReconciler;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code deltasql mirror}: writes every committed version still missing from its table's
 * {@code _delta_log} (after a crash, a full disk, a permission error), in order, and reports
 * tables that an outside writer blocked or whose location cannot be written. Exit status 0 when every table is fully mirrored.
 */
@Command(
        name = "mirror",
        description = "Complete the _delta_log mirror of every table (reconcile) and report its status.")
public final class MirrorCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DeltaCatalog catalog = catalogOptions.open();
                MirrorReconciler reconciler = new MirrorReconciler(catalog)) {
            int written = reconciler.reconcile();
            out.println("mirrored " + written + " pending version(s)");
            int problems = 0;
            for (TableInfo t : catalog.listTables()) {
                MirrorStatus s = catalog.mirrorStatus(t.name());
                if (s.mirrorBlockedReason() != null) {
                    problems++;
                    err.println("deltasql mirror: table '" + t.name() + "' is blocked: " + s.mirrorBlockedReason());
                } else if (!s.pending().isEmpty()) {
                    problems++;
                    MirrorStatus.PendingVersion first = s.pending().get(0);
                    err.println("deltasql mirror: table '" + t.name() + "' has "
                            + s.pending().size()
                            + " version(s) not mirrored, from version " + first.version()
                            + (first.lastError() == null ? "" : ": " + first.lastError()));
                } else {
                    out.println("  " + t.name() + ": mirrored through version " + s.mirroredVersion());
                }
            }
            return problems == 0 ? 0 : 3;
        }
    }
}
