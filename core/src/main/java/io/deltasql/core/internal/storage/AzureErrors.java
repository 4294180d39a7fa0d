package io.deltasql.core.internal.storage;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the Azure SDK's exceptions into the {@link ObjectStore} ones. The SDK's own messages quote
 * the request URL (with a SAS token's signature in its query) and the service's answer (which can
 * quote the request's signature), so they are never passed on: a message names the path, the HTTP
 * status, the service's error code and request id, and an exception without a response only its
 * redacted message.
 */
final class AzureErrors {
    // A URL's query (where SAS tokens travel) and any stray signature parameter.
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?\"'<>]*)\\?[^\\s\"'<>]*");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)\\bsig=[^&\\s\"'<>]*");

    private static final HttpHeaderName ERROR_CODE = HttpHeaderName.fromString("x-ms-error-code");
    private static final HttpHeaderName REQUEST_ID = HttpHeaderName.fromString("x-ms-request-id");

    private AzureErrors() {}

    /** The service's status, or 0 when {@code e} carries no response. */
    static int status(Throwable e) {
        HttpResponseException response = responseIn(e);
        return response == null ? 0 : response.getResponse().getStatusCode();
    }

    /** The service's error code ({@code BlobNotFound}, {@code AuthorizationFailure}, …), or "". */
    static String code(Throwable e) {
        HttpResponseException response = responseIn(e);
        if (response instanceof BlobStorageException b && b.getErrorCode() != null) {
            return b.getErrorCode().toString();
        }
        String header = response == null ? null : response.getResponse().getHeaderValue(ERROR_CODE);
        return header == null ? "" : header;
    }

    /**
     * The {@link ObjectStore} exception for a failed {@code action} ("read", "write", "list", …) on
     * {@code location}: FileNotFoundException for 404, AccessDeniedException for 403 and for missing
     * credentials, IOException for the rest.
     */
    static IOException translate(String action, AzureLocation location, RuntimeException e) {
        ClientAuthenticationException noCredential = credentialFailureIn(e);
        if (noCredential != null) {
            return new AccessDeniedException(
                    location.uri(),
                    null,
                    "no Azure credential for account "
                            + location.account() + " (" + redact(firstLine(noCredential.getMessage())) + "); give "
                            + AzureBlobClients.keySetting(location) + " or " + AzureBlobClients.sasSetting(location)
                            + ", or sign in for DefaultAzureCredential (environment variables, managed identity, Azure CLI)");
        }
        HttpResponseException response = responseIn(e);
        if (response == null) {
            IOException io = new IOException(
                    "Azure Blob Storage: could not " + action + " " + location.uri() + ": " + describe(e));
            if (isClean(e)) {
                io.initCause(e);
            }
            return io;
        }
        int status = response.getResponse().getStatusCode();
        String answer = "HTTP " + status + answerDetails(response);
        if (status == 404) {
            if (BlobErrorCode.CONTAINER_NOT_FOUND.toString().equals(code(response))) {
                return containerMissing(location);
            }
            return new FileNotFoundException(location.uri() + ": no such file (" + answer + ")");
        }
        if (status == 403) {
            return new AccessDeniedException(
                    location.uri(), null, "Azure Blob Storage refused to " + action + " it: " + answer);
        }
        return new IOException("Azure Blob Storage could not " + action + " " + location.uri() + ": " + answer);
    }

    /** The default credential chain's failure to get a token, when that is what {@code e} is or wraps. */
    private static ClientAuthenticationException credentialFailureIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException c) {
                return c;
            }
        }
        return null;
    }

    /** The service's answer {@code e} carries or wraps, or null when the request got none. */
    private static HttpResponseException responseIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpResponseException h && h.getResponse() != null) {
                return h;
            }
        }
        return null;
    }

    static FileNotFoundException containerMissing(AzureLocation location) {
        return new FileNotFoundException("container " + location.container() + " does not exist in account "
                + location.account() + " (" + location.uri() + ")");
    }

    /** The error code and request id, for the service's support. */
    private static String answerDetails(HttpResponseException e) {
        StringBuilder s = new StringBuilder();
        String code = code(e);
        if (!code.isEmpty()) {
            s.append(' ').append(code);
        }
        String requestId = e.getResponse().getHeaderValue(REQUEST_ID);
        if (requestId != null && !requestId.isEmpty()) {
            s.append(" (request id ").append(requestId).append(')');
        }
        return s.toString();
    }

    /**
     * What failed on the way (refused, timed out): each exception of the chain with its redacted
     * message, leaving out wrappers that only repeat their cause.
     */
    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t.getCause() != null
                    && message != null
                    && message.equals(t.getCause().toString())) {
                continue;
            }
            if (s.length() > 0) {
                s.append("; caused by ");
            }
            s.append(t.getClass().getSimpleName());
            if (message != null && !message.isBlank()) {
                s.append(": ").append(redact(firstLine(message)));
            }
        }
        return s.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** True when no message along the chain could hold a SAS token or signature, so it may be kept as a cause. */
    private static boolean isClean(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            boolean mayQuoteUrl = message != null
                    && (message.contains("?")
                            || message.toLowerCase(Locale.ROOT).contains("sig="));
            if (t instanceof HttpResponseException || mayQuoteUrl) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} without URL queries and signature parameters. */
    static String redact(String text) {
        return SIGNATURE.matcher(URL_QUERY.matcher(text).replaceAll("$1")).replaceAll("sig=***");
    }
}
