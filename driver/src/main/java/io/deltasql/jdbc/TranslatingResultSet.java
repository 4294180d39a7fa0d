package io.deltasql.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The result sets users get: Calcite's (or the remote driver's), with every error given a SQLState
 * (the connection's {@link ErrorTranslator}) and {@code getStatement()} answering the statement the user holds. A plain
 * delegating class, unlike the dynamic proxies of the other JDBC objects: rows are read by the
 * hundred thousand, and a proxy's reflective call per {@code next()} and per getter doubled the cost
 * of reading them. The delegating methods were generated from {@link ResultSet}'s; their
 * parameters keep the interface's order and meaning.
 */
final class TranslatingResultSet implements ResultSet {
    private final ResultSet target;
    private final Statement statement;
    private final ErrorTranslator errors;

    /** @param statement what {@code getStatement()} returns: the user's statement, or null for metadata results */
    TranslatingResultSet(ResultSet target, Statement statement, ErrorTranslator errors) {
        this.target = target;
        this.statement = statement;
        this.errors = errors;
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            return target.unwrap(iface);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        try {
            return iface.isInstance(this) || target.isWrapperFor(iface);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }

    @Override
    public boolean absolute(int a0) throws SQLException {
        try {
            return target.absolute(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void afterLast() throws SQLException {
        try {
            target.afterLast();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void beforeFirst() throws SQLException {
        try {
            target.beforeFirst();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        try {
            target.cancelRowUpdates();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        try {
            target.clearWarnings();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            target.close();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void deleteRow() throws SQLException {
        try {
            target.deleteRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int findColumn(String a0) throws SQLException {
        try {
            return target.findColumn(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean first() throws SQLException {
        try {
            return target.first();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Array getArray(String a0) throws SQLException {
        try {
            return target.getArray(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Array getArray(int a0) throws SQLException {
        try {
            return target.getArray(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.InputStream getAsciiStream(String a0) throws SQLException {
        try {
            return target.getAsciiStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.InputStream getAsciiStream(int a0) throws SQLException {
        try {
            return target.getAsciiStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Deprecated
    @Override
    public java.math.BigDecimal getBigDecimal(String a0, int a1) throws SQLException {
        try {
            return target.getBigDecimal(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String a0) throws SQLException {
        try {
            return target.getBigDecimal(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Deprecated
    @Override
    public java.math.BigDecimal getBigDecimal(int a0, int a1) throws SQLException {
        try {
            return target.getBigDecimal(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int a0) throws SQLException {
        try {
            return target.getBigDecimal(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.InputStream getBinaryStream(String a0) throws SQLException {
        try {
            return target.getBinaryStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.InputStream getBinaryStream(int a0) throws SQLException {
        try {
            return target.getBinaryStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Blob getBlob(String a0) throws SQLException {
        try {
            return target.getBlob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Blob getBlob(int a0) throws SQLException {
        try {
            return target.getBlob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean getBoolean(String a0) throws SQLException {
        try {
            return target.getBoolean(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean getBoolean(int a0) throws SQLException {
        try {
            return target.getBoolean(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public byte getByte(String a0) throws SQLException {
        try {
            return target.getByte(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public byte getByte(int a0) throws SQLException {
        try {
            return target.getByte(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public byte[] getBytes(String a0) throws SQLException {
        try {
            return target.getBytes(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public byte[] getBytes(int a0) throws SQLException {
        try {
            return target.getBytes(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.Reader getCharacterStream(String a0) throws SQLException {
        try {
            return target.getCharacterStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.Reader getCharacterStream(int a0) throws SQLException {
        try {
            return target.getCharacterStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Clob getClob(String a0) throws SQLException {
        try {
            return target.getClob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Clob getClob(int a0) throws SQLException {
        try {
            return target.getClob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getConcurrency() throws SQLException {
        try {
            return target.getConcurrency();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getCursorName() throws SQLException {
        try {
            return target.getCursorName();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Date getDate(String a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getDate(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Date getDate(String a0) throws SQLException {
        try {
            return target.getDate(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Date getDate(int a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getDate(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Date getDate(int a0) throws SQLException {
        try {
            return target.getDate(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public double getDouble(String a0) throws SQLException {
        try {
            return target.getDouble(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public double getDouble(int a0) throws SQLException {
        try {
            return target.getDouble(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        try {
            return target.getFetchDirection();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        try {
            return target.getFetchSize();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public float getFloat(String a0) throws SQLException {
        try {
            return target.getFloat(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public float getFloat(int a0) throws SQLException {
        try {
            return target.getFloat(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        try {
            return target.getHoldability();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getInt(String a0) throws SQLException {
        try {
            return target.getInt(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getInt(int a0) throws SQLException {
        try {
            return target.getInt(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public long getLong(String a0) throws SQLException {
        try {
            return target.getLong(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public long getLong(int a0) throws SQLException {
        try {
            return target.getLong(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.ResultSetMetaData getMetaData() throws SQLException {
        try {
            return target.getMetaData();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.Reader getNCharacterStream(String a0) throws SQLException {
        try {
            return target.getNCharacterStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.io.Reader getNCharacterStream(int a0) throws SQLException {
        try {
            return target.getNCharacterStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.NClob getNClob(String a0) throws SQLException {
        try {
            return target.getNClob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.NClob getNClob(int a0) throws SQLException {
        try {
            return target.getNClob(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getNString(String a0) throws SQLException {
        try {
            return target.getNString(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getNString(int a0) throws SQLException {
        try {
            return target.getNString(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public <T> T getObject(String a0, Class<T> a1) throws SQLException {
        try {
            return target.getObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public Object getObject(String a0, java.util.Map<String, Class<?>> a1) throws SQLException {
        try {
            return target.getObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public Object getObject(String a0) throws SQLException {
        try {
            return target.getObject(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public <T> T getObject(int a0, Class<T> a1) throws SQLException {
        try {
            return target.getObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public Object getObject(int a0, java.util.Map<String, Class<?>> a1) throws SQLException {
        try {
            return target.getObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public Object getObject(int a0) throws SQLException {
        try {
            return target.getObject(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Ref getRef(String a0) throws SQLException {
        try {
            return target.getRef(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Ref getRef(int a0) throws SQLException {
        try {
            return target.getRef(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getRow() throws SQLException {
        try {
            return target.getRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.RowId getRowId(String a0) throws SQLException {
        try {
            return target.getRowId(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.RowId getRowId(int a0) throws SQLException {
        try {
            return target.getRowId(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.SQLXML getSQLXML(String a0) throws SQLException {
        try {
            return target.getSQLXML(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.SQLXML getSQLXML(int a0) throws SQLException {
        try {
            return target.getSQLXML(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public short getShort(String a0) throws SQLException {
        try {
            return target.getShort(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public short getShort(int a0) throws SQLException {
        try {
            return target.getShort(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getString(String a0) throws SQLException {
        try {
            return target.getString(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public String getString(int a0) throws SQLException {
        try {
            return target.getString(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Time getTime(String a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getTime(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Time getTime(String a0) throws SQLException {
        try {
            return target.getTime(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Time getTime(int a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getTime(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Time getTime(int a0) throws SQLException {
        try {
            return target.getTime(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getTimestamp(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(String a0) throws SQLException {
        try {
            return target.getTimestamp(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int a0, java.util.Calendar a1) throws SQLException {
        try {
            return target.getTimestamp(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.Timestamp getTimestamp(int a0) throws SQLException {
        try {
            return target.getTimestamp(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public int getType() throws SQLException {
        try {
            return target.getType();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.net.URL getURL(String a0) throws SQLException {
        try {
            return target.getURL(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.net.URL getURL(int a0) throws SQLException {
        try {
            return target.getURL(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Deprecated
    @Override
    public java.io.InputStream getUnicodeStream(String a0) throws SQLException {
        try {
            return target.getUnicodeStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Deprecated
    @Override
    public java.io.InputStream getUnicodeStream(int a0) throws SQLException {
        try {
            return target.getUnicodeStream(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public java.sql.SQLWarning getWarnings() throws SQLException {
        try {
            return target.getWarnings();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void insertRow() throws SQLException {
        try {
            target.insertRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        try {
            return target.isAfterLast();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        try {
            return target.isBeforeFirst();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        try {
            return target.isClosed();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isFirst() throws SQLException {
        try {
            return target.isFirst();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean isLast() throws SQLException {
        try {
            return target.isLast();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean last() throws SQLException {
        try {
            return target.last();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        try {
            target.moveToCurrentRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        try {
            target.moveToInsertRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean next() throws SQLException {
        try {
            return target.next();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean previous() throws SQLException {
        try {
            return target.previous();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void refreshRow() throws SQLException {
        try {
            target.refreshRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean relative(int a0) throws SQLException {
        try {
            return target.relative(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        try {
            return target.rowDeleted();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean rowInserted() throws SQLException {
        try {
            return target.rowInserted();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        try {
            return target.rowUpdated();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void setFetchDirection(int a0) throws SQLException {
        try {
            target.setFetchDirection(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void setFetchSize(int a0) throws SQLException {
        try {
            target.setFetchSize(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateArray(String a0, java.sql.Array a1) throws SQLException {
        try {
            target.updateArray(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateArray(int a0, java.sql.Array a1) throws SQLException {
        try {
            target.updateArray(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(String a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateAsciiStream(int a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateAsciiStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBigDecimal(String a0, java.math.BigDecimal a1) throws SQLException {
        try {
            target.updateBigDecimal(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBigDecimal(int a0, java.math.BigDecimal a1) throws SQLException {
        try {
            target.updateBigDecimal(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1, int a2) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(String a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, int a2) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBinaryStream(int a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateBinaryStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(String a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateBlob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(String a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateBlob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(String a0, java.sql.Blob a1) throws SQLException {
        try {
            target.updateBlob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1, long a2) throws SQLException {
        try {
            target.updateBlob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(int a0, java.io.InputStream a1) throws SQLException {
        try {
            target.updateBlob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBlob(int a0, java.sql.Blob a1) throws SQLException {
        try {
            target.updateBlob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBoolean(String a0, boolean a1) throws SQLException {
        try {
            target.updateBoolean(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBoolean(int a0, boolean a1) throws SQLException {
        try {
            target.updateBoolean(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateByte(String a0, byte a1) throws SQLException {
        try {
            target.updateByte(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateByte(int a0, byte a1) throws SQLException {
        try {
            target.updateByte(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBytes(String a0, byte[] a1) throws SQLException {
        try {
            target.updateBytes(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateBytes(int a0, byte[] a1) throws SQLException {
        try {
            target.updateBytes(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1, int a2) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, int a2) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateCharacterStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateClob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(String a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(String a0, java.sql.Clob a1) throws SQLException {
        try {
            target.updateClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateClob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(int a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateClob(int a0, java.sql.Clob a1) throws SQLException {
        try {
            target.updateClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateDate(String a0, java.sql.Date a1) throws SQLException {
        try {
            target.updateDate(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateDate(int a0, java.sql.Date a1) throws SQLException {
        try {
            target.updateDate(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateDouble(String a0, double a1) throws SQLException {
        try {
            target.updateDouble(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateDouble(int a0, double a1) throws SQLException {
        try {
            target.updateDouble(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateFloat(String a0, float a1) throws SQLException {
        try {
            target.updateFloat(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateFloat(int a0, float a1) throws SQLException {
        try {
            target.updateFloat(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateInt(String a0, int a1) throws SQLException {
        try {
            target.updateInt(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateInt(int a0, int a1) throws SQLException {
        try {
            target.updateInt(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateLong(String a0, long a1) throws SQLException {
        try {
            target.updateLong(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateLong(int a0, long a1) throws SQLException {
        try {
            target.updateLong(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNCharacterStream(String a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateNCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNCharacterStream(String a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateNCharacterStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateNCharacterStream(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNCharacterStream(int a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateNCharacterStream(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(String a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateNClob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(String a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateNClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(String a0, java.sql.NClob a1) throws SQLException {
        try {
            target.updateNClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1, long a2) throws SQLException {
        try {
            target.updateNClob(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(int a0, java.io.Reader a1) throws SQLException {
        try {
            target.updateNClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNClob(int a0, java.sql.NClob a1) throws SQLException {
        try {
            target.updateNClob(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNString(String a0, String a1) throws SQLException {
        try {
            target.updateNString(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNString(int a0, String a1) throws SQLException {
        try {
            target.updateNString(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNull(String a0) throws SQLException {
        try {
            target.updateNull(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateNull(int a0) throws SQLException {
        try {
            target.updateNull(a0);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(String a0, Object a1, int a2) throws SQLException {
        try {
            target.updateObject(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(String a0, Object a1, java.sql.SQLType a2, int a3) throws SQLException {
        try {
            target.updateObject(a0, a1, a2, a3);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(String a0, Object a1, java.sql.SQLType a2) throws SQLException {
        try {
            target.updateObject(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(String a0, Object a1) throws SQLException {
        try {
            target.updateObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(int a0, Object a1, int a2) throws SQLException {
        try {
            target.updateObject(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(int a0, Object a1, java.sql.SQLType a2, int a3) throws SQLException {
        try {
            target.updateObject(a0, a1, a2, a3);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(int a0, Object a1, java.sql.SQLType a2) throws SQLException {
        try {
            target.updateObject(a0, a1, a2);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateObject(int a0, Object a1) throws SQLException {
        try {
            target.updateObject(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateRef(String a0, java.sql.Ref a1) throws SQLException {
        try {
            target.updateRef(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateRef(int a0, java.sql.Ref a1) throws SQLException {
        try {
            target.updateRef(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateRow() throws SQLException {
        try {
            target.updateRow();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateRowId(String a0, java.sql.RowId a1) throws SQLException {
        try {
            target.updateRowId(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateRowId(int a0, java.sql.RowId a1) throws SQLException {
        try {
            target.updateRowId(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateSQLXML(String a0, java.sql.SQLXML a1) throws SQLException {
        try {
            target.updateSQLXML(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateSQLXML(int a0, java.sql.SQLXML a1) throws SQLException {
        try {
            target.updateSQLXML(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateShort(String a0, short a1) throws SQLException {
        try {
            target.updateShort(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateShort(int a0, short a1) throws SQLException {
        try {
            target.updateShort(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateString(String a0, String a1) throws SQLException {
        try {
            target.updateString(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateString(int a0, String a1) throws SQLException {
        try {
            target.updateString(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateTime(String a0, java.sql.Time a1) throws SQLException {
        try {
            target.updateTime(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateTime(int a0, java.sql.Time a1) throws SQLException {
        try {
            target.updateTime(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateTimestamp(String a0, java.sql.Timestamp a1) throws SQLException {
        try {
            target.updateTimestamp(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void updateTimestamp(int a0, java.sql.Timestamp a1) throws SQLException {
        try {
            target.updateTimestamp(a0, a1);
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public boolean wasNull() throws SQLException {
        try {
            return target.wasNull();
        } catch (SQLException | RuntimeException e) {
            throw errors.translate(e);
        }
    }
}
