package coop.switchboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 load generator for the API benchmarks: each client keeps one connection open and sends its requests
 * one after another, like wrk or ab with keep-alive. It stays out of the server's way on a 2-core machine, where
 * {@code java.net.http.HttpClient} (selector thread, futures, per-request objects) took a sixth of the CPU the server
 * needed. It speaks only what the benchmark needs: requests built by the caller, responses with a Content-Length or
 * chunked body.
 */
final class HttpLoad {
    private HttpLoad() {
    }

    /** One request to send: method, path, headers and a body (may be empty). */
    record Request(String method, String path, List<String> headers, String body) {
        byte[] bytes(String host) {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder s = new StringBuilder(256 + payload.length);
            s.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            for (String h : headers) {
                s.append(h).append("\r\n");
            }
            if (payload.length > 0 || !method.equals("GET")) {
                s.append("Content-Length: ").append(payload.length).append("\r\n");
            }
            s.append("\r\n");
            byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + payload.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(payload, 0, all, head.length, payload.length);
            return all;
        }
    }

    /** A response: status and body. */
    record Response(int status, String body) {
    }

    /** Thrown when a response is not the one expected; the message holds the status and body. */
    static final class UnexpectedResponse extends IllegalStateException {
        UnexpectedResponse(String message) {
            super(message);
        }
    }

    /**
     * Sends requests {@code 0..n-1} (made by {@code request}) from {@code clients} connections at once and returns each
     * one's latency in nanoseconds; a response with another status than {@code expectStatus} stops the run.
     */
    static long[] run(String host, int port, int n, int clients, int expectStatus, IntFunction<Request> request) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Connection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = new Connection(host, port)) {
                        connections.add(connection);
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            byte[] bytes = request.apply(i).bytes(host + ":" + port);
                            connection.openIfClosed(); // a reconnect is not the request's latency
                            long t0 = System.nanoTime();
                            Response response = connection.exchange(bytes);
                            latencies[i] = System.nanoTime() - t0;
                            if (response.status() != expectStatus) {
                                throw new UnexpectedResponse("request " + i + " answered " + response.status() + ": " + response.body());
                            }
                        }
                    } catch (Exception e) {
                        next.set(n); // the other clients stop after their current request
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) {
                c.close();
            }
        }
        return latencies;
    }

    /** One keep-alive connection. */
    static final class Connection implements AutoCloseable {
        private final String host;
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private boolean closed;

        Connection(String host, int port) throws IOException {
            this.host = host;
            this.port = port;
            open();
        }

        /** Tomcat closes a keep-alive connection after 100 requests (server.tomcat.max-keep-alive-requests), as a server should. */
        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            closed = false;
        }

        void openIfClosed() throws IOException {
            if (closed) {
                socket.close();
                open();
            }
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            int code;
            String status;
            do { // an interim 1xx answer (100 Continue) is followed by the real one
                status = line();
                if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                    throw new IOException("not an HTTP/1.1 status line: " + status);
                }
                code = Integer.parseInt(status.substring(9, 12));
                if (code >= 100 && code < 200) {
                    while (!line().isEmpty()) {
                        // the interim answer's headers
                    }
                }
            } while (code >= 100 && code < 200);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                     size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(exactly(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers are not used
                }
            } else if (length >= 0) {
                body.write(exactly((int) length));
            } else if (code != 204 && code != 304) {
                body.write(in.readAllBytes()); // no length: the body ends with the connection
                close = true;
            }
            closed = close;
            return new Response(code, body.toString(StandardCharsets.UTF_8));
        }

        private byte[] exactly(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("the server closed the connection after " + bytes.length + " of " + length + " bytes");
            }
            return bytes;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
