package dev.matcalc.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.api.Answer;
import dev.matcalc.api.CheckReport;
import dev.matcalc.api.Checker;
import dev.matcalc.api.PointCheckAt;
import dev.matcalc.api.RandomPoint;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.syntax.SourceError;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The matcalc HTTP server: the JSON API under {@code /api} and the page under {@code /}.
 * The server evaluates no user-supplied code: an expression is only parsed, typed and
 * differentiated by the engine, on a {@link BoundedRunner} worker.
 */
public final class WebServer implements AutoCloseable {
    private static final ObjectMapper JSON = HtmlSafeJson.mapper();
    /** The page's policy: its own scripts, styles (KaTeX sets inline styles) and fonts only. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final Limits limits;
    private final BoundedRunner runner;
    private final Function<Request, Answer> deriver;

    private WebServer(Limits limits, Function<Request, Answer> deriver) {
        this.limits = limits;
        this.runner = new BoundedRunner(limits.maxConcurrent(), limits.timeout());
        this.deriver = deriver;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.jsonMapper(new io.javalin.json.JavalinJackson(JSON, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff");
            });
            config.staticFiles.enableWebjars();
            config.routes.before(ctx -> ctx.header("X-Content-Type-Options", "nosniff"));
            config.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "ok", "idleWorkers", runner.idle())));
            config.routes.get("/api/openapi.json", this::openapi);
            config.routes.post("/api/derive", ctx -> answer(ctx, () -> {
                Request request = ApiRequests.derive(body(ctx), limits);
                return (Callable<Object>) () -> deriver.apply(request);
            }));
            config.routes.post("/api/check", ctx -> answer(ctx, () -> {
                ApiRequests.CheckParams p = ApiRequests.check(body(ctx), limits);
                return (Callable<Object>) () -> check(p);
            }));
            config.routes.post("/api/point", ctx -> answer(ctx, () -> {
                ApiRequests.PointParams p = ApiRequests.point(body(ctx), limits);
                return (Callable<Object>) () -> RandomPoint.draw(p.expr(), p.let(), p.sizes(), p.seed());
            }));
            config.routes.post("/api/variables", ctx -> answer(ctx, () -> {
                Request request = ApiRequests.derive(body(ctx), limits);
                return (Callable<Object>) () -> Variables.of(request);
            }));
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> error(ctx, translate(e)));
        });
    }

    /** Starts a server; port 0 picks a free port (see {@link #port()}). */
    public static WebServer start(String host, int port, Limits limits) {
        return start(host, port, limits, Service::derive);
    }

    /** As {@link #start(String, int, Limits)}, with another deriver in place of {@link Service#derive} (tests). */
    static WebServer start(String host, int port, Limits limits, Function<Request, Answer> deriver) {
        WebServer server = new WebServer(limits, deriver);
        server.app.start(host, port);
        return server;
    }

    public int port() {
        return app.port();
    }

    public Limits limits() {
        return limits;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static CheckReport check(ApiRequests.CheckParams p) {
        if (p.at() != null) return PointCheckAt.check(p.expr(), p.wrt(), p.let(), p.order(), p.layout(), p.at(), p.tolerance());
        return Checker.check(p.expr(), p.wrt(), p.let(), p.order(), p.layout(), p.points(), p.seed(), p.tolerance());
    }

    /** Reads and validates the request on the HTTP thread, then runs the work on a worker. */
    private void answer(Context ctx, Callable<Callable<Object>> prepare) throws Exception {
        Callable<Object> work = prepare.call();
        ctx.future(() -> runner.submit(work).handle((value, failure) -> {
            if (failure == null) ctx.json(value);
            else error(ctx, translate(failure));
            return null;
        }));
    }

    /**
     * The body, at most {@code maxBodyBytes}: a declared length over it is refused before reading,
     * an undeclared (chunked) one while reading.
     */
    private byte[] body(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > limits.maxBodyBytes()) throw tooLarge();
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(limits.maxBodyBytes() + 1);
            if (bytes.length > limits.maxBodyBytes()) throw tooLarge();
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiError tooLarge() {
        return new ApiError(413, "the request body is larger than the limit of " + limits.maxBodyBytes() + " bytes");
    }

    private ApiError translate(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return switch (e) {
            case ApiError a -> a;
            case SourceError s -> ApiError.of(s);
            case TimeoutException x -> new ApiError(503, "the derivation took longer than the limit of "
                    + limits.timeout().toMillis() + " ms and was stopped");
            case StackOverflowError x -> new ApiError(422, "the expression is too deeply nested to process");
            case OutOfMemoryError x -> new ApiError(503, "the expression is too large to process in the available memory");
            case io.javalin.http.HttpResponseException h when h.getStatus() == 413 -> tooLarge();
            case io.javalin.http.HttpResponseException h -> new ApiError(h.getStatus(), h.getMessage());
            default -> new ApiError(500, "internal error: " + e.getClass().getSimpleName()
                    + " (please report it with the request that caused it)");
        };
    }

    private static void error(Context ctx, ApiError e) {
        ctx.status(e.status());
        ctx.json(Map.of("error", e.body()));
    }

    private void openapi(Context ctx) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream("/web/openapi.json")) {
            if (in == null) throw new ApiError(404, "no OpenAPI description in this build");
            ctx.contentType("application/json").result(in.readAllBytes());
        }
    }
}
