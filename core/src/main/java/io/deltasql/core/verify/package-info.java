/**
 * Catalog versus {@code _delta_log}: {@link io.deltasql.core.verify.TableVerifier} compares the
 * catalog's snapshot of a table with what Delta Kernel reads from its log, at the latest version or
 * at every version, and lists the differences ({@link io.deltasql.core.verify.Difference}) in a
 * {@link io.deltasql.core.verify.VerifyReport}.
 *
 * <p>The implementation is in {@code io.deltasql.core.internal.verify}: the state of a version as the
 * catalog and as Kernel hold it, their comparison, and the check for log versions past the
 * catalog's head.
 */
package io.deltasql.core.verify;
