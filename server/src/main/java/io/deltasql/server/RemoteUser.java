package io.deltasql.server;

/**
 * The authenticated user of the HTTP request being served, on the thread serving it: set by
 * {@link UserAwareHandler}, read where connections are opened and statements run.
 */
record RemoteUser(String name, boolean writer) {
    /** Without a users file every client is an anonymous writer (and the server listens on loopback only). */
    static final RemoteUser ANONYMOUS_WRITER = new RemoteUser("", true);

    private static final ThreadLocal<RemoteUser> CURRENT = new ThreadLocal<>();

    static RemoteUser current() {
        RemoteUser u = CURRENT.get();
        return u == null ? ANONYMOUS_WRITER : u;
    }

    static void set(RemoteUser user) {
        CURRENT.set(user);
    }

    static void clear() {
        CURRENT.remove();
    }
}
