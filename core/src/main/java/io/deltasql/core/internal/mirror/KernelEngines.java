package io.deltasql.core.internal.mirror;

import io.delta.kernel.engine.Engine;
import io.deltasql.core.internal.storage.Storage;

/** Delta Kernel's default engine on deltasql's storage layer without object-store settings. */
public final class KernelEngines {
    private KernelEngines() {}

    public static Engine create() {
        return Storage.defaults().engine();
    }
}
