package io.deltasql.core;

/** The table needs a Delta protocol version or feature this deltasql cannot honour. */
public final class UnsupportedProtocolException extends InvalidRequestException {
    public UnsupportedProtocolException(String message) {
        super(message, "0A000");
    }
}
