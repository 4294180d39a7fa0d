package io.deltasql.jdbc.local;

import io.deltasql.calcite.DeltaSession;
import io.deltasql.jdbc.LocalSession;

/** A {@link DeltaSession} as the JDBC proxies drive it; unwrapping the connection to DeltaSession gives the session. */
final class SessionTransactions implements LocalSession {
    private final DeltaSession session;

    SessionTransactions(DeltaSession session) {
        this.session = session;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) {
        session.setAutoCommit(autoCommit);
    }

    @Override
    public boolean autoCommit() {
        return session.autoCommit();
    }

    @Override
    public void commit() {
        session.commit();
    }

    @Override
    public void rollback() {
        session.rollback();
    }

    @Override
    public boolean readOnly() {
        return session.readOnly();
    }

    @Override
    public Scope beginStatement() {
        return session.beginStatement()::close;
    }

    @Override
    public <T> T unwrap(Class<T> iface) {
        return iface == DeltaSession.class ? iface.cast(session) : null;
    }
}
