package io.deltasql.core;

/** The table needs a Delta protocol version or feature this deltasql cannot honour. */
public final class UnsupportedProtocolException extends UnsupportedRequestException {
    public UnsupportedProtocolException(String message) {
        super(message);
    }
}
