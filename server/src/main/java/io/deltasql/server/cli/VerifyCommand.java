package io.deltasql.server.cli;

import io.deltasql.core.DeltaCatalog;
import io.deltasql.core.verify.TableVerifier;
import io.deltasql.core.verify.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltasql verify <name>}: compares the catalog's snapshot with the {@code _delta_log}'s as
 * Delta Kernel reads it, at the latest version or at every version. Exit status 0 when they agree.
 */
@Command(name = "verify", description = "Compare a table in the catalog with its _delta_log as Delta Kernel reads it.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions;

    @Parameters(index = "0", paramLabel = "<name>", description = "The table's name in the catalog.")
    String table;

    @Option(names = "--all-versions", description = "Compare every version, not only the latest.")
    boolean allVersions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (DeltaCatalog catalog = catalogOptions.open()) {
            VerifyReport report = new TableVerifier(catalog).verify(table, allVersions);
            if (report.identical()) {
                spec.commandLine().getOut().println(report.render());
                return 0;
            }
            spec.commandLine().getOut().println(report.render());
            spec.commandLine()
                    .getErr()
                    .println("deltasql verify: table '" + table + "': " + report.differenceCount()
                            + " difference(s) between the catalog and the _delta_log");
            return 3;
        }
    }
}
