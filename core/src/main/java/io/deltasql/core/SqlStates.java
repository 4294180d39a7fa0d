package io.deltasql.core;

/**
 * Every SQLState deltasql raises, named once. Only compile-time constants: javac copies them into
 * the classes that use them, so the remote-only driver jar (which holds no core class) can name
 * them too. States a catalog database returns to deltasql are a different matter: {@link Database}.
 */
public final class SqlStates {
    private SqlStates() {}

    /** No error: some clients send it in place of none. */
    public static final String SUCCESS = "00000";

    /** A value of the request is wrong: nothing was changed ({@link InvalidRequestException}). */
    public static final String INVALID_VALUE = "22023";
    /** A request deltasql does not do ({@link UnsupportedRequestException}). */
    public static final String UNSUPPORTED = "0A000";
    /** The user may not do this ({@link PermissionDeniedException}). */
    public static final String PERMISSION_DENIED = "42501";
    /** The request repeats what exists already ({@link DuplicateValueException}). */
    public static final String DUPLICATE = "23505";
    /** The table or catalog refuses the request until something else is done first ({@link BlockedRequestException}). */
    public static final String BLOCKED = "55000";
    /** A concurrent change won; re-read and retry ({@link ConflictException}). */
    public static final String CONFLICT = "40001";
    /**
     * No connection can be made: the catalog or server is unreachable or unusable, or the URL names
     * none ({@link CatalogUnavailableException}).
     */
    public static final String UNAVAILABLE = "08001";

    /** The named table does not exist. */
    public static final String TABLE_NOT_FOUND = "42P01";
    /** A table of that name exists already. */
    public static final String TABLE_EXISTS = "42P07";
    /** The named column does not exist. */
    public static final String COLUMN_NOT_FOUND = "42703";
    /** SQL the parser refuses. */
    public static final String SYNTAX_ERROR = "42601";
    /** SQL the validator refuses for another reason. */
    public static final String INVALID_SQL = "42000";
    /** User name or password not accepted. */
    public static final String LOGIN_REFUSED = "28000";
    /** A transaction call that does not fit the connection's transaction state. */
    public static final String INVALID_TRANSACTION_STATE = "25000";
    /** A statement handle that is closed or was never opened on the connection. */
    public static final String UNKNOWN_STATEMENT = "26000";
    /** A call on a closed statement. */
    public static final String STATEMENT_CLOSED = "HY010";
    /** The connection does not exist (closed, or its server forgot it). */
    public static final String CONNECTION_CLOSED = "08003";
    /** The connection to the server broke or could not be made. */
    public static final String CONNECTION_FAILURE = "08006";
    /** A request of a kind or shape the server does not answer. */
    public static final String PROTOCOL_VIOLATION = "08P01";
    /** Too many connections or statements open. */
    public static final String TOO_MANY_CONNECTIONS = "53300";
    /** A queue or pool is full; retry later. */
    public static final String OVERLOADED = "53400";
    /** A result or request over the server's size limit. */
    public static final String LIMIT_EXCEEDED = "54000";
    /** A statement too big to compile. */
    public static final String STATEMENT_TOO_COMPLEX = "54001";
    /** A statement or wait cut short: timed out or interrupted. */
    public static final String CANCELED = "57014";
    /** A connection failed for a reason without a state of its own (e.g. interrupted). */
    public static final String CONNECTION_EXCEPTION = "08000";
    /** A JDBC call the object does not answer (e.g. unwrap to a type it is not). */
    public static final String GENERAL_ERROR = "HY000";
    /** An unexpected failure. */
    public static final String INTERNAL_ERROR = "XX000";

    /**
     * SQLStates and error codes a catalog database (PostgreSQL, MariaDB/MySQL, SQLite) returns to
     * deltasql: what they mean there decides whether deltasql retries, and they are not what
     * deltasql reports to its own clients.
     */
    public static final class Database {
        private Database() {}

        /** PostgreSQL and MariaDB: a serializable transaction lost to a concurrent one. */
        public static final String SERIALIZATION_FAILURE = "40001";
        /** PostgreSQL: the transaction was chosen as a deadlock's victim. */
        public static final String DEADLOCK_DETECTED = "40P01";
        /** PostgreSQL: a lock could not be taken (NOWAIT or lock_timeout). */
        public static final String LOCK_NOT_AVAILABLE = "55P03";
        /** PostgreSQL: a unique index refused a second row with the same key. */
        public static final String UNIQUE_VIOLATION = "23505";
        /** MariaDB/MySQL: any integrity constraint refused the row (a duplicate key among others). */
        public static final String INTEGRITY_CONSTRAINT_VIOLATION = "23000";
        /** MariaDB/MySQL error code of a duplicate key. */
        public static final int MYSQL_DUPLICATE_KEY = 1062;
        /** MariaDB/MySQL error code of a deadlock. */
        public static final int MYSQL_DEADLOCK = 1213;
        /** MariaDB/MySQL error code of a lock wait timeout. */
        public static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    }
}
