package io.deltasql.core.internal.storage;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Keeps the body of every error answer in memory, so it can be read more than once. The Blob SDK's
 * retry policy drains a 5xx answer's body and its error mapping then reads it again; over the JDK
 * HTTP client, whose bodies can be subscribed to once only, that second read fails with "This
 * publisher has already one subscriber" instead of naming the service's answer. Error bodies are a
 * few hundred bytes of XML.
 */
final class BufferedErrorResponses implements HttpPipelinePolicy {
    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(BufferedErrorResponses::buffered);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        return buffered(next.processSync());
    }

    /** Each try's answer, before the retry policy sees it. */
    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    private static HttpResponse buffered(HttpResponse response) {
        return response.getStatusCode() >= 400 ? response.buffer() : response;
    }
}
