package io.deltasql.core.internal.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's exceptions into the IOExceptions {@link ObjectStore} promises. Messages carry the
 * path, the HTTP status and S3's error code, never a credential (the SDK's messages carry none;
 * request ids are kept for support).
 */
final class S3Errors {
    private S3Errors() {}

    static IOException of(String what, String path, SdkException e) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            String reason = "S3 answered " + status + (code == null ? "" : " " + code);
            if (status == 403
                    || "AccessDenied".equals(code)
                    || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                AccessDeniedException denied = new AccessDeniedException(
                        path, null, what + ": " + reason + " (the credentials may not do this, or are wrong)");
                denied.initCause(e);
                return denied;
            }
            if ("NoSuchBucket".equals(code)) {
                FileNotFoundException missing =
                        new FileNotFoundException(what + " " + path + ": " + reason + " (the bucket does not exist)");
                missing.initCause(e);
                return missing;
            }
            if (status == 404) {
                FileNotFoundException missing = new FileNotFoundException(what + " " + path + ": " + reason);
                missing.initCause(e);
                return missing;
            }
            return new IOException(what + " " + path + ": " + reason, e);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
            AccessDeniedException none = new AccessDeniedException(
                    path,
                    null,
                    what + ": no AWS credentials: give"
                            + " fs.s3a.access.key and fs.s3a.secret.key, or set up the AWS default credential chain"
                            + " (environment, profile, instance role)");
            none.initCause(e);
            return none;
        }
        return new IOException(what + " " + path + ": " + e.getMessage(), e);
    }

    /** True when S3 answered that the key (not the bucket) does not exist. */
    static boolean isNoSuchKey(SdkException e) {
        return e instanceof AwsServiceException service
                && service.statusCode() == 404
                && (service.awsErrorDetails() == null
                        || !"NoSuchBucket".equals(service.awsErrorDetails().errorCode()));
    }

    /** True for S3's answers to a conditional write whose condition failed (something is there). */
    static boolean isPreconditionFailed(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        // 412: the object exists. 409 ConditionalRequestConflict: another conditional write of the
        // same key is in flight; one of the two wins, so for this writer the file "exists".
        return service.statusCode() == 412 || service.statusCode() == 409;
    }
}
