/**
 * Catalog versus {@code _delta_log}: {@link io.deltasql.core.verify.TableVerifier} compares the
 * catalog's snapshot of a table with what Delta Kernel reads from its log, at the latest version or
 * at every version, and lists the differences in a {@link io.deltasql.core.verify.VerifyReport}.
 */
package io.deltasql.core.verify;
