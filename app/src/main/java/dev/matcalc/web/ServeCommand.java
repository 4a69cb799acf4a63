package dev.matcalc.web;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code matcalc serve}: the page and the JSON API, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the matcalc page and its JSON API (POST /api/derive, /api/check, /api/variables, /api/point).",
                "Example: matcalc serve --port 8080, then open http://127.0.0.1:8080/"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest request body; larger ones get 413 (default ${DEFAULT-VALUE}).")
    int maxBody;

    @Option(names = "--max-expr", paramLabel = "CHARS", defaultValue = "10000",
            description = "Longest expression; longer ones get 422 (default ${DEFAULT-VALUE}).")
    int maxExpr;

    @Option(names = "--timeout", paramLabel = "MILLIS", defaultValue = "5000",
            description = "Time one derivation or check may take; slower ones are stopped and get 503 (default ${DEFAULT-VALUE}).")
    long timeoutMillis;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "4",
            description = "Derivations running at once; more get 503 at once (default ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Override
    public Integer call() throws InterruptedException {
        Limits limits;
        try {
            limits = new Limits(maxBody, maxExpr, Duration.ofMillis(timeoutMillis), maxConcurrent);
        } catch (IllegalArgumentException e) {
            throw new dev.matcalc.syntax.SourceError("--max-body, --max-expr, --timeout and --max-concurrent must be positive");
        }
        WebServer server;
        try {
            server = WebServer.start(host, port, limits);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause())
                if (t instanceof java.net.BindException)
                    throw new dev.matcalc.syntax.SourceError("cannot listen on " + host + ":" + port + ": " + t.getMessage());
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        System.out.println("matcalc: serving http://" + shownHost + ":" + server.port() + "/  (Ctrl-C to stop)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
