/**
 * The importer's implementation behind {@link io.deltasql.core.imports.DeltaLogImporter}: the
 * listing of a {@code _delta_log}, a checkpoint's state read with Delta Kernel, and the commit time
 * a Delta reader gives each version.
 */
package io.deltasql.core.internal.imports;
