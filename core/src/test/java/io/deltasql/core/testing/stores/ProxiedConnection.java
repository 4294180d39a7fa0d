package io.deltasql.core.testing.stores;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client connection through a {@link FaultProxy}: its requests are read one by one and passed on to the
 * target (over a connection opened for the first one) or failed, by the proxy's mode at that moment; the
 * target's answers flow back on a thread of their own. Either side closing ends both.
 */
final class ProxiedConnection implements Runnable {
    private static final byte[] SERVICE_UNAVAILABLE =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    private final FaultProxy proxy;
    private final Socket client;
    private Socket target;
    private OutputStream toTarget;

    ProxiedConnection(FaultProxy proxy, Socket client) {
        this.proxy = proxy;
        this.client = client;
    }

    @Override
    public void run() {
        try {
            proxy.pauseIfDelaying();
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            for (HttpRequestHead head = HttpRequestHead.read(fromClient);
                    head != null;
                    head = HttpRequestHead.read(fromClient)) {
                proxy.countRequest();
                FaultProxy.Mode mode = proxy.mode();
                if (mode == FaultProxy.Mode.REFUSE) {
                    return;
                }
                if (mode == FaultProxy.Mode.FAIL_503) {
                    answerServiceUnavailable(head, fromClient, toClient);
                    return;
                }
                OutputStream out = toTarget(toClient);
                proxy.pauseIfDelaying();
                out.write(head.bytes());
                out.flush();
                head.copyBody(fromClient, out, proxy::pauseIfDelaying);
            }
        } catch (IOException e) {
            // Closed by the client, the target, refuse() or close(): the connection ends here.
        } finally {
            proxy.forget(client);
            if (target != null) {
                proxy.forget(target);
            }
        }
    }

    /** 503 with Connection: close, after reading the body the client sends (so it reads the answer, not a reset). */
    private void answerServiceUnavailable(HttpRequestHead head, InputStream fromClient, OutputStream toClient)
            throws IOException {
        if (!head.expectsContinue()) {
            head.copyBody(fromClient, OutputStream.nullOutputStream(), () -> {});
        }
        toClient.write(SERVICE_UNAVAILABLE);
        toClient.flush();
        client.shutdownOutput();
    }

    private OutputStream toTarget(OutputStream toClient) throws IOException {
        if (target == null) {
            Socket opened = proxy.connectToTarget();
            target = opened;
            toTarget = opened.getOutputStream();
            InputStream fromTarget = opened.getInputStream();
            Thread answers = new Thread(
                    () -> {
                        try {
                            fromTarget.transferTo(toClient);
                        } catch (IOException e) {
                            // Either side closed: the connection ends.
                        } finally {
                            proxy.forget(client);
                            proxy.forget(opened);
                        }
                    },
                    Thread.currentThread().getName() + "-answers");
            answers.setDaemon(true);
            answers.start();
        }
        return toTarget;
    }
}
