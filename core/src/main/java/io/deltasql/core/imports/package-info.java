/**
 * Importing an existing Delta table: {@link io.deltasql.core.imports.DeltaLogImporter} reads its
 * {@code _delta_log} (every commit file, or where older commits were cleaned up the oldest readable checkpoint
 * and the commits after it) into the catalog, re-imports it, or catches the catalog up with versions another engine
 * added, reporting each version to an {@link io.deltasql.core.imports.ImportProgress}.
 *
 * <p>The implementation is in {@code io.deltasql.core.internal.imports}: listing the log, reading a
 * checkpoint's state with Delta Kernel, and giving each version the commit time a Delta reader
 * gives it.
 */
package io.deltasql.core.imports;
