package io.deltasql.bench;

import io.deltasql.core.DeltaCatalog;
import java.util.function.Consumer;

/** What a scenario needs on one catalog: the options, the catalog, its tables, both sides and the report. */
public record BenchContext(
        BenchOptions options,
        BenchCatalog target,
        TableGenerator generator,
        DeltaSqlSide deltasql,
        KernelSide kernel,
        DeltaCatalog warm,
        Report report,
        Consumer<String> log) {
    public String location(TableSpec spec) {
        return generator.location(spec.name()).toString();
    }

    public String catalog() {
        return target.label();
    }
}
