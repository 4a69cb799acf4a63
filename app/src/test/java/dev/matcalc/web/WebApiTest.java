package dev.matcalc.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.api.Request;
import dev.matcalc.api.Service;
import dev.matcalc.calculus.Layout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON API over a real socket: answers, every limit, hostile and malformed input. */
class WebApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static WebServer server;

    @BeforeAll
    static void start() {
        server = WebServer.start("127.0.0.1", 0, Limits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(WebServer s, String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(WebServer s, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The error object of a response, checked to have the CLI's shape. */
    static JsonNode error(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e).as(r.body()).isNotNull();
        assertThat(e.get("message").isTextual()).isTrue();
        assertThat(e.get("line").isInt()).isTrue();
        assertThat(e.get("column").isInt()).isTrue();
        assertThat(e.get("formatted").isTextual()).isTrue();
        return e;
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = get(server, "/api/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void deriveAnswersExactlyWhatTheServiceAnswers() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive",
                "{\"expr\": \"x'*A*x\", \"wrt\": [\"x\"], \"let\": {\"A\": \"symmetric(n)\"}, \"layout\": \"mixed\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        var expected = Service.derive(new Request("x'*A*x", List.of("x"), Map.of("A", "symmetric(n)"), 1, Layout.MIXED,
                Request.ALL_FORMATS, false, null));
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.valueToTree(expected));
        assertThat(JSON.readTree(r.body()).at("/derivatives/0/text").asText()).isEqualTo("2*A*x");
    }

    @Test
    void deriveEvaluatesAtAPoint() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"sum(x.^2)\", \"wrt\": \"x\", \"at\": {\"x\": [1, 2, 3]}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/derivatives/0/value").toString()).isEqualTo("[2.0,4.0,6.0]");
    }

    /** A hinge loss at a tie (the first margin is exactly 1): max(1 - m, 0) passes the change there. */
    @Test
    void deriveMaxAtAPointWithATie() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"sum(max(1 - y.*(X*w), 0))\", \"wrt\": \"w\", "
                + "\"layout\": \"mixed\", \"at\": {\"y\": [1, -1], \"X\": [[1, 0], [0, 1]], \"w\": [1, 1]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode d = JSON.readTree(r.body()).at("/derivatives/0");
        assertThat(d.get("text").asText()).isEqualTo("-X'*(ge0(1 - X*w.*y).*y)");
        assertThat(d.get("pretty").asText()).isEqualTo("−Xᵀ([1 − (Xw) ⊙ y ≥ 0] ⊙ y)");
        // margins y.*(X*w) = [1, -1]: the first row on the margin (a tie, counted), the second inside it
        assertThat(d.get("value").toString()).isEqualTo("[-1.0,1.0]");
    }

    @Test
    void pointValuesTypeUndeclaredVariablesByTheirKinds() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive",
                "{\"expr\": \"lam*x'*x + b'*x\", \"wrt\": \"x\", \"at\": {\"lam\": 0.5, \"x\": [1, 2], \"b\": [1, 1]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.at("/variables/lam/shape").asText()).isEqualTo("scalar");
        assertThat(answer.at("/variables/b/shape").asText()).isEqualTo("vector(n)");
        assertThat(answer.at("/derivatives/0/value").toString()).isEqualTo("[2.0,3.0]");   // 2·0.5·x + b
        HttpResponse<String> declared = post(server, "/api/derive",
                "{\"expr\": \"lam*x'*x\", \"wrt\": \"x\", \"let\": {\"lam\": \"vector(n)\"}, \"at\": {\"lam\": 0.5, \"x\": [1, 2]}}");
        assertThat(declared.statusCode()).isEqualTo(422);
        assertThat(error(declared).get("message").asText())
                .isEqualTo("lam is declared vector(n), but the value given for lam is a scalar");
    }

    @Test
    void checkComparesWithDualNumbers() throws Exception {
        HttpResponse<String> r = post(server, "/api/check", "{\"expr\": \"sum(exp(A*x))\", \"wrt\": [\"x\"], \"points\": 2}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("verdict").asText()).isEqualTo("ok");
        assertThat(report.get("worstError").asDouble()).isLessThan(1e-6);
        assertThat(report.get("points").asInt()).isEqualTo(2);
    }

    /** Undefined at every point: not passed, yet not "failed" either, and the line says why. */
    @Test
    void checkSaysWhenItCouldNotCheck() throws Exception {
        HttpResponse<String> r = post(server, "/api/check", "{\"expr\": \"sum(log(-exp(x)))\", \"points\": 2}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("verdict").asText()).isEqualTo("unchecked");
        assertThat(report.get("lines").get(0).asText()).contains("could not check", "give NaN (e.g. at log(-exp(x)))");
    }

    @Test
    void constantRule_declaredVariableNotOccurring_issue14() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"a*y\", \"wrt\": \"x\", "
                + "\"let\": {\"x\": \"vector(n)\"}, \"at\": {\"a\": 2, \"y\": [1, 2], \"x\": [1, 2, 3]}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.at("/notes/0").asText()).isEqualTo("x does not occur in the expression: the derivative by x is zero");
        assertThat(answer.at("/variables/x/origin").asText()).isEqualTo("declared");
        assertThat(answer.at("/derivatives/0/shape").toString()).isEqualTo("[2,3]");
        assertThat(answer.at("/derivatives/0/value").toString()).isEqualTo("[[0.0,0.0,0.0],[0.0,0.0,0.0]]");
        HttpResponse<String> check = post(server, "/api/check",
                "{\"expr\": \"a*y\", \"wrt\": [\"x\"], \"let\": {\"x\": \"vector(n)\"}, \"points\": 2}");
        assertThat(check.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(check.body()).get("passed").asBoolean()).isTrue();
        // the page lists the expression's own variables: a declaration left over from an edit adds none
        HttpResponse<String> vars = post(server, "/api/variables", "{\"expr\": \"a*y\", \"let\": {\"x\": \"vector(n)\"}}");
        assertThat(JSON.readTree(vars.body()).get("variables").has("x")).isFalse();
        HttpResponse<String> undeclared = post(server, "/api/derive", "{\"expr\": \"a*y\", \"wrt\": \"x\"}");
        assertThat(undeclared.statusCode()).isEqualTo(422);
        assertThat(error(undeclared).get("message").asText()).startsWith("'x' does not occur in the expression");
    }

    @Test
    void variablesListsInferredAndDeclaredShapes() throws Exception {
        HttpResponse<String> r = post(server, "/api/variables", "{\"expr\": \"x'*A*y\", \"let\": {\"A\": \"matrix(m,n)\"}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode vars = JSON.readTree(r.body()).get("variables");
        assertThat(vars.at("/A/origin").asText()).isEqualTo("declared");
        assertThat(vars.at("/x/shape").asText()).isEqualTo("vector(m)");
        assertThat(vars.at("/y/shape").asText()).isEqualTo("vector(n)");
    }

    @Test
    void aSyntaxErrorIs422WithItsPositionAndSpan() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"foo bar\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode e = error(r);
        assertThat(e.get("line").asInt()).isEqualTo(1);
        assertThat(e.get("column").asInt()).isEqualTo(5);
        assertThat(e.get("length").asInt()).isEqualTo(3);
        assertThat(e.get("formatted").asText()).contains("^^^");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"expr\": \"" + "x+".repeat(40_000) + "x\"}";
        // Expect: 100-continue, as curl sends for large bodies: the server answers before the body is
        // sent, so the client never writes into a connection the server has already closed
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/derive"))
                .timeout(Duration.ofSeconds(30)).expectContinue(true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).get("message").asText()).contains("65536");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"expr\": \"" + "x+".repeat(40_000) + "x\"}").getBytes();
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/derive"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        error(r);
    }

    @Test
    void anExpressionOverTheLengthLimitIs422() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"" + "x+".repeat(5_001) + "x\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(error(r).get("message").asText()).contains("10003 characters").contains("10000");
    }

    @Test
    void aSlowDerivationIsStoppedWith503AndTheServerStaysResponsive() throws Exception {
        // tanh(W*tanh(W*...x)) 25 deep, second order: several seconds of work on this machine
        String deep = "sum(" + "tanh(W*".repeat(25) + "x" + ")".repeat(25) + ")";
        try (WebServer slow = WebServer.start("127.0.0.1", 0, Limits.DEFAULT.withTimeout(Duration.ofMillis(200)))) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(slow, "/api/derive", "{\"expr\": \"" + deep + "\", \"wrt\": \"x\", \"order\": 2}");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(error(r).get("message").asText()).contains("200 ms");
            assertThat(millis).isLessThan(3_000);
            long t1 = System.nanoTime();
            assertThat(get(slow, "/api/health").statusCode()).isEqualTo(200);
            assertThat(post(slow, "/api/derive", "{\"expr\": \"sum(x)\"}").statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(2_000);
        }
    }

    @Test
    void workBeyondTheConcurrencyLimitIs503AtOnce() throws Exception {
        var entered = new java.util.concurrent.CountDownLatch(2);
        var release = new java.util.concurrent.CountDownLatch(1);
        try (WebServer busy = WebServer.start("127.0.0.1", 0, Limits.DEFAULT.withMaxConcurrent(2), request -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Service.derive(request);
        })) {
            String body = "{\"expr\": \"sum(x)\"}";
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly(busy, body));
            var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly(busy, body));
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            HttpResponse<String> third = post(busy, "/api/derive", body);
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(error(third).get("message").asText()).contains("busy");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
            release.countDown();
            assertThat(first.get().statusCode()).isEqualTo(200);
            assertThat(second.get().statusCode()).isEqualTo(200);
            assertThat(post(busy, "/api/derive", body).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> postQuietly(WebServer s, String body) {
        try {
            return post(s, "/api/derive", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void markupInInputComesBackEscaped() throws Exception {
        for (String body : List.of("{\"expr\": \"<script>alert(1)</script>\"}",
                "{\"expr\": \"x'*x\", \"wrt\": [\"<img src=x onerror=alert(1)>\"]}",
                "{\"expr\": \"x'*x\", \"let\": {\"x\": \"<b>vector</b>(n)\"}}",
                "{\"expr\": \"x & y\"}",
                "{\"expr\": \"x\", \"<svg onload=alert(1)>\": 1}")) {
            HttpResponse<String> r = post(server, "/api/derive", body);
            assertThat(r.statusCode()).as(body).isBetween(400, 499);
            assertThat(r.body()).as(body).doesNotContain("<").doesNotContain(">").doesNotContain("&");
            String message = error(r).get("message").asText() + error(r).get("formatted").asText();
            assertThat(message).as("the decoded text keeps what was typed").containsAnyOf("<", "&");
        }
    }

    @Test
    void wrongJsonTypesAndMalformedBodiesAre400() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"expr\": 5}", "'expr' must be a string",
                "{\"expr\": \"x\", \"wrt\": 5}", "'wrt' must be an array of strings",
                "{\"expr\": \"x\", \"wrt\": [1]}", "'wrt' must be an array of strings",
                "{\"expr\": \"x\", \"let\": [\"x:scalar\"]}", "'let' must be an object",
                "{\"expr\": \"x\", \"order\": \"2\"}", "'order' must be an integer",
                "{\"expr\": \"x\", \"steps\": \"yes\"}", "'steps' must be true or false",
                "[\"x\"]", "must be a JSON object",
                "{\"expr\": ", "invalid JSON",
                "{\"wrt\": [\"x\"]}", "missing field 'expr'",
                "{\"expr\": \"x\", \"colour\": 1}", "unknown field 'colour'");
        for (var c : cases.entrySet()) {
            HttpResponse<String> r = post(server, "/api/derive", c.getKey());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(error(r).get("message").asText()).as(c.getKey()).contains(c.getValue());
        }
        HttpResponse<String> empty = post(server, "/api/derive", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        error(empty);
    }

    @Test
    void orderOutOfRangeIs422() throws Exception {
        for (String order : List.of("0", "-1", "5", "1000000", "99999999999999")) {
            HttpResponse<String> r = post(server, "/api/derive", "{\"expr\": \"sum(exp(x))\", \"order\": " + order + "}");
            assertThat(r.statusCode()).as(order).isEqualTo(422);
            assertThat(error(r).get("message").asText()).contains("order");
        }
        assertThat(post(server, "/api/derive", "{\"expr\": \"sum(exp(x))\", \"order\": 2}").statusCode()).isEqualTo(200);
    }

    @Test
    void badOptionValuesAre422() throws Exception {
        assertThat(post(server, "/api/derive", "{\"expr\": \"x\", \"layout\": \"sideways\"}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/api/derive", "{\"expr\": \"x\", \"formats\": [\"html\"]}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/api/derive", "{\"expr\": \"x'*A*y\"}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/api/check", "{\"expr\": \"x\", \"points\": 1000}").statusCode()).isEqualTo(422);
        HttpResponse<String> shape = post(server, "/api/derive", "{\"expr\": \"x\", \"let\": {\"x\": \"matrix(n\"}}");
        assertThat(shape.statusCode()).isEqualTo(422);
        error(shape);
    }

    @Test
    void thePageTheOpenApiDescriptionAndKatexAreServed() throws Exception {
        HttpResponse<String> page = get(server, "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<textarea id=\"expr\"");
        assertThat(page.body()).contains("<code>max(A, B)</code>", "<code>max(X)</code>", "<code>ge0(u)</code>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        HttpResponse<String> openapi = get(server, "/api/openapi.json");
        assertThat(openapi.statusCode()).isEqualTo(200);
        JsonNode spec = JSON.readTree(openapi.body());
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.at("/paths/~1api~1derive/post")).isNotNull();
        assertThat(get(server, "/webjars/katex/0.16.47/dist/katex.min.js").statusCode()).isEqualTo(200);
        assertThat(get(server, "/api/nothing").statusCode()).isEqualTo(404);
    }

    /** Issue 14: a point whose symmetric variable is not symmetric is bad input (422), named. */
    @Test
    void symmetricVariableRejectsNonSymmetricValue_issue14() throws Exception {
        String body = "{\"expr\": \"x'*A*x\", \"wrt\": \"x\", \"let\": {\"A\": \"symmetric(n)\"}, \"at\": "
                + "{\"x\": [1, 2], \"A\": [[1, 2], [AT]]}}";
        HttpResponse<String> r = post(server, "/api/derive", body.replace("AT", "3, 4"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText())
                .startsWith("A is declared symmetric(n) but its value is not symmetric: A[2,1] = 3 but A[1,2] = 2");
        HttpResponse<String> ok = post(server, "/api/derive", body.replace("AT", "2, 4"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).at("/derivatives/0/value").toString()).isEqualTo("[10.0,20.0]");
    }

    /** The code targets the OpenAPI description promises: per derivative, exactly what {@code --format numpy} prints. */
    @Test
    void codeFormatsAnswerTheGeneratedModules() throws Exception {
        HttpResponse<String> r = post(server, "/api/derive",
                "{\"expr\": \"x'*A*x\", \"wrt\": \"x\", \"let\": {\"A\": \"symmetric(n)\"}, \"formats\": [\"numpy\", \"java\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode part = JSON.readTree(r.body()).at("/derivatives/0");
        Request request = new Request("x'*A*x", List.of("x"), Map.of("A", "symmetric(n)"), 1, Layout.NUMERATOR,
                List.of("numpy"), false, null);
        assertThat(part.at("/code/numpy").asText()).isEqualTo(Service.code(request, dev.matcalc.codegen.Target.NUMPY))
                .contains("def fAndG(x, A):");
        assertThat(part.at("/code/java").asText()).isEqualTo(Service.code(request, dev.matcalc.codegen.Target.JAVA));
        assertThat(part.has("text")).as("only the forms asked for").isFalse();
        assertThat(part.at("/code").size()).isEqualTo(2);

        HttpResponse<String> tensor = post(server, "/api/derive", "{\"expr\": \"inv(X)\", \"formats\": [\"java\"]}");
        assertThat(tensor.statusCode()).isEqualTo(422);
        assertThat(error(tensor).get("message").asText()).startsWith("Java code generation needs a matrix form");
        HttpResponse<String> unknown = post(server, "/api/derive", "{\"expr\": \"x\", \"formats\": [\"fortran\"]}");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(error(unknown).get("message").asText())
                .isEqualTo("unknown format 'fortran'; use some of [text, pretty, latex, numpy, pytorch, jax, java]");
    }

    @Test
    void checkAtAPointComparesThereOnly() throws Exception {
        HttpResponse<String> r = post(server, "/api/check",
                "{\"expr\": \"x'*A*x\", \"wrt\": \"x\", \"at\": {\"x\": [1, 2], \"A\": [[1, 2], [3, 4]]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("verdict").asText()).isEqualTo("ok");
        assertThat(report.get("points").asInt()).isEqualTo(1);
        assertThat(report.at("/lines/0").asText()).endsWith("at the point (tolerance 1.00e-06): ok");

        HttpResponse<String> undefined = post(server, "/api/check", "{\"expr\": \"sum(log(x))\", \"at\": {\"x\": [-1, 2]}}");
        assertThat(JSON.readTree(undefined.body()).get("verdict").asText()).isEqualTo("unchecked");
        HttpResponse<String> both = post(server, "/api/check", "{\"expr\": \"sum(x)\", \"at\": {\"x\": [1]}, \"points\": 3}");
        assertThat(both.statusCode()).isEqualTo(422);
        assertThat(error(both).get("message").asText()).contains("'at' checks at the point given");
        HttpResponse<String> wrongShape = post(server, "/api/check",
                "{\"expr\": \"x'*A*x\", \"at\": {\"x\": [1, 2, 3], \"A\": [[1, 2], [3, 4]]}}");
        assertThat(wrongShape.statusCode()).isEqualTo(422);
        assertThat(error(wrongShape).get("message").asText()).contains("x");
    }

    @Test
    void pointDrawsValuesOfTheSizesAsked() throws Exception {
        HttpResponse<String> r = post(server, "/api/point", "{\"expr\": \"sum(log(x))\", \"sizes\": {\"n\": 6}, \"seed\": 4}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode drawn = JSON.readTree(r.body());
        assertThat(drawn.at("/dimensions/n").asInt()).isEqualTo(6);
        assertThat(drawn.at("/values/x").size()).isEqualTo(6);
        for (JsonNode e : drawn.at("/values/x")) assertThat(e.asDouble()).as("inside log's domain").isPositive();
        // the values drawn are a point the API evaluates at
        HttpResponse<String> at = post(server, "/api/derive", "{\"expr\": \"sum(log(x))\", \"at\": {\"x\": " + drawn.at("/values/x") + "}}");
        assertThat(JSON.readTree(at.body()).at("/derivatives/0/shape").toString()).isEqualTo("[6]");

        assertThat(post(server, "/api/point", "{\"expr\": \"sum(x)\", \"sizes\": {\"n\": 0}}").statusCode()).isEqualTo(422);
        assertThat(post(server, "/api/point", "{\"expr\": \"sum(x)\", \"sizes\": {\"n\": \"big\"}}").statusCode()).isEqualTo(400);
        assertThat(post(server, "/api/point", "{\"expr\": \"sum(x)\", \"wrt\": \"x\"}").statusCode()).isEqualTo(400);
        assertThat(post(server, "/api/point", "{\"expr\": \"sum(x\"}").statusCode()).isEqualTo(422);
    }
}
