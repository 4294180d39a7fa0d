/**
 * The verifier's implementation behind {@link io.deltasql.core.verify.TableVerifier}: a version's
 * state as the catalog holds it and as Delta Kernel reads it, their comparison, and the check for
 * log versions past the catalog's head.
 */
package io.deltasql.core.internal.verify;
