package io.deltasql.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each kind of error is its own type and carries its own SQLState; refusals stay InvalidRequestExceptions. */
class DeltaSqlErrorsTest {

    @Test
    void eachKindCarriesItsState() {
        assertKind(DeltaSqlErrors.invalid("bad"), InvalidRequestException.class, "22023", false);
        assertKind(DeltaSqlErrors.unsupported("no"), UnsupportedRequestException.class, "0A000", false);
        assertKind(DeltaSqlErrors.permissionDenied("no"), PermissionDeniedException.class, "42501", false);
        assertKind(DeltaSqlErrors.duplicate("twice"), DuplicateValueException.class, "23505", false);
        assertKind(DeltaSqlErrors.blocked("later"), BlockedRequestException.class, "55000", false);
        assertKind(DeltaSqlErrors.conflict("lost", null), ConflictException.class, "40001", true);
        assertKind(DeltaSqlErrors.unavailable("down", null), CatalogUnavailableException.class, "08001", true);
    }

    @Test
    void refusalsAreInvalidRequestsSoExistingCatchesStillHoldThem() {
        for (DeltaSqlException refusal : new DeltaSqlException[] {
            DeltaSqlErrors.unsupported("m"),
            DeltaSqlErrors.permissionDenied("m"),
            DeltaSqlErrors.duplicate("m"),
            DeltaSqlErrors.blocked("m")
        }) {
            assertThat(refusal).isInstanceOf(InvalidRequestException.class);
        }
        assertThat(new UnsupportedProtocolException("m"))
                .isInstanceOf(UnsupportedRequestException.class)
                .extracting(DeltaSqlException::sqlState)
                .isEqualTo("0A000");
        assertThat(new TransactionAlreadyAppliedException("t", "app", 1, 2))
                .isInstanceOf(DuplicateValueException.class)
                .extracting(DeltaSqlException::sqlState)
                .isEqualTo("23505");
        assertThat(new VersionNotFoundException("m").sqlState()).isEqualTo("22023");
        CommitConflictException conflict =
                new CommitConflictException("t", 1, 2, CommitConflictException.Kind.CONCURRENT_APPEND, "x");
        assertThat(conflict).isInstanceOf(ConflictException.class);
        assertThat(conflict.sqlState()).isEqualTo("40001");
        assertThat(conflict.retryable()).isTrue();
    }

    @Test
    void aStateKnownOnlyAtRunTimeGetsItsKind() {
        assertKind(
                DeltaSqlErrors.refused("m", SqlStates.UNSUPPORTED), UnsupportedRequestException.class, "0A000", false);
        assertKind(DeltaSqlErrors.refused("m", SqlStates.BLOCKED), BlockedRequestException.class, "55000", false);
        assertKind(DeltaSqlErrors.refused("m", SqlStates.DUPLICATE), DuplicateValueException.class, "23505", false);
        assertKind(
                DeltaSqlErrors.refused("m", SqlStates.PERMISSION_DENIED),
                PermissionDeniedException.class,
                "42501",
                false);
        assertKind(DeltaSqlErrors.refused("m", SqlStates.INVALID_VALUE), InvalidRequestException.class, "22023", false);
        // A state a catalog database gave (a value too long for its column) is kept as it is.
        assertKind(DeltaSqlErrors.refused("m", "22001"), InvalidRequestException.class, "22001", false);
    }

    @Test
    void theNamedStatesAreTheOnesClientsSee() {
        assertThat(SqlStates.CONFLICT).isEqualTo("40001");
        assertThat(SqlStates.UNAVAILABLE).isEqualTo("08001");
        assertThat(SqlStates.TABLE_NOT_FOUND).isEqualTo("42P01");
        assertThat(SqlStates.TABLE_EXISTS).isEqualTo("42P07");
        assertThat(new TableNotFoundException("t").sqlState()).isEqualTo(SqlStates.TABLE_NOT_FOUND);
        assertThat(new TableAlreadyExistsException("t").sqlState()).isEqualTo(SqlStates.TABLE_EXISTS);
        assertThat(SqlStates.Database.DEADLOCK_DETECTED).isEqualTo("40P01");
    }

    private static void assertKind(DeltaSqlException e, Class<?> type, String state, boolean retryable) {
        assertThat(e).isExactlyInstanceOf(type).hasMessage(e.getMessage());
        assertThat(e.sqlState()).isEqualTo(state);
        assertThat(e.retryable()).isEqualTo(retryable);
    }
}
