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
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    try (Connection connection = new Connection(host, port)) {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            byte[] bytes = request.apply(i).bytes(host + ":" + port);
                            long t0 = System.nanoTime();
                            Response response = connection.exchange(bytes);
                            latencies[i] = System.nanoTime() - t0;
                            if (response.status() != expectStatus) {
                                throw new UnexpectedResponse("request " + i + " answered " + response.status() + ": " + response.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
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
        }

        Response exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
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
                    body.write(in.readNBytes(size));
                    line();
                }
                for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            }
            if (close) {
                socket.close();
                open();
            }
            return new Response(code, body.toString(StandardCharsets.UTF_8));
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
