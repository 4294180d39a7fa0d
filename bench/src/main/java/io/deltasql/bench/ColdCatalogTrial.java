package io.deltasql.bench;

import io.deltasql.core.DeltaCatalog;
import java.util.function.ToLongFunction;

/** A deltasql trial on a catalog opened (untimed) just before it and closed after: an empty snapshot cache. */
final class ColdCatalogTrial implements Trial {
    private final DeltaSqlSide side;
    private final ToLongFunction<DeltaCatalog> op;
    private DeltaCatalog catalog;

    ColdCatalogTrial(DeltaSqlSide side, ToLongFunction<DeltaCatalog> op) {
        this.side = side;
        this.op = op;
    }

    @Override
    public void before() throws InterruptedException {
        catalog = side.open();
        // Let the pool finish filling its idle connections so that does not run during the timed call.
        Thread.sleep(25);
    }

    @Override
    public long run() {
        return op.applyAsLong(catalog);
    }

    @Override
    public void after() {
        catalog.close();
        catalog = null;
    }
}
