package dev.matcalc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.matcalc.data.DataSource;
import dev.matcalc.data.DataValue;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code matcalc minimize | maximize | solve} end to end through {@link Main#run}: every solution is
 * checked by its optimality conditions (projected gradient, subgradient or multipliers computed
 * here from the problem's own gradient), not only by its objective.
 */
class MinimizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---- helpers ----

    static double[][] random(int m, int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[m][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = r.nextGaussian();
        return a;
    }

    static double[] times(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < x.length; j++) y[i] += a[i][j] * x[j];
        return y;
    }

    /** 2A'(Ax - b), the gradient of ‖Ax - b‖². */
    static double[] lsGradient(double[][] a, double[] b, double[] x) {
        double[] r = times(a, x);
        for (int i = 0; i < r.length; i++) r[i] -= b[i];
        double[] g = new double[x.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < x.length; j++) g[j] += 2 * a[i][j] * r[i];
        return g;
    }

    Path csv(String name, double[][] rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) sb.append(j == 0 ? "" : ",").append(row[j]);
            sb.append('\n');
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    Path csv(String name, double[] column) throws IOException {
        double[][] rows = new double[column.length][];
        for (int i = 0; i < column.length; i++) rows[i] = new double[] {column[i]};
        return csv(name, rows);
    }

    static JsonNode json(Cli cli) throws IOException {
        return JSON.readTree(cli.out());
    }

    static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) v[i] = n.get(i).asDouble();
        return v;
    }

    static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) m[i] = vector(n.get(i));
        return m;
    }

    static Cli cli(String... args) {
        return Cli.run(args);
    }

    // ---- bound-constrained and unconstrained problems ----

    @Test
    void ridgeThroughTheCommandLineIsTheClosedForm() throws IOException {
        double[][] x = random(25, 4, 11);
        double[] y = times(x, new double[] {1, 2, -1, 0.5});
        Cli r = cli("minimize", "norm2(X*w - y)^2 + lam*norm2(w)^2", "--over", "w", "--data", "X=" + csv("X.csv", x),
                "--data", "y=" + csv("y.csv", y), "--data", "lam=3", "--tolerance", "1e-10", "--format", "json", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        DMatrixRMaj xm = new DMatrixRMaj(x), a = new DMatrixRMaj(4, 4), b = new DMatrixRMaj(4, 1), w = new DMatrixRMaj(4, 1);
        CommonOps_DDRM.multTransA(xm, xm, a);
        for (int i = 0; i < 4; i++) a.add(i, i, 3);
        CommonOps_DDRM.multTransA(xm, new DMatrixRMaj(y.length, 1, true, y), b);
        CommonOps_DDRM.solve(a, b, w);
        assertThat(vector(j.get("solution").get("w"))).containsExactly(w.getData(), within(1e-7));
        assertThat(j.get("status").asText()).isEqualTo("optimal");
        for (String field : new String[] {"objective", "iterations", "evaluations", "optimality", "violation", "seconds", "method"})
            assertThat(j.has(field)).as(field).isTrue();
        assertThat(j.get("violation").asDouble()).isZero();
    }

    @Test
    void nonNegativeLeastSquaresSatisfiesKkt() throws IOException {
        double[][] a = random(15, 6, 21);
        double[] b = times(a, new double[] {1, -2, 0.5, -1, 2, 0});
        Cli r = cli("minimize", "norm2(A*x - b)^2", "--over", "x", "--subject-to", "x >= 0", "--data", "A=" + csv("A.csv", a),
                "--data", "b=" + csv("b.csv", b), "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] x = vector(json(r).get("solution").get("x"));
        double[] g = lsGradient(a, b, x);
        int active = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isGreaterThanOrEqualTo(0);
            if (x[i] == 0) {
                active++;
                assertThat(g[i]).as("multiplier of x[%d] >= 0", i).isGreaterThan(-1e-6);
            } else {
                assertThat(Math.abs(g[i])).as("gradient at free x[%d]", i).isLessThan(1e-5);
            }
        }
        assertThat(active).as("the negative entries of the truth make some bounds active").isPositive();
        Scipy.compare("import numpy as np; from scipy.optimize import nnls\nA=np.loadtxt('" + dir.resolve("A.csv") + "',delimiter=',')\n"
                + "b=np.loadtxt('" + dir.resolve("b.csv") + "',delimiter=',')\nprint(' '.join(repr(v) for v in nnls(A,b)[0]))", x, 1e-6);
    }

    @Test
    void boxQuadraticProgramSatisfiesKkt() throws IOException {
        double[][] m = random(8, 5, 31);
        double[][] q = new double[5][5];       // Q = M'M, positive definite
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 8; k++) q[i][j] += m[k][i] * m[k][j];
        double[] c = {3, -4, 1, -2, 5};
        Cli r = cli("minimize", "x'*Q*x/2 + c'*x", "--over", "x", "--subject-to", "x >= -1", "--subject-to", "x <= 1",
                "--data", "Q=" + csv("Q.csv", q), "--data", "c=" + csv("c.csv", c), "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] x = vector(json(r).get("solution").get("x"));
        double[] g = times(q, x);
        for (int i = 0; i < 5; i++) g[i] += c[i];
        for (int i = 0; i < 5; i++) {       // projected gradient: P(x - g) - x = 0
            double projected = Math.min(1, Math.max(-1, x[i] - g[i])) - x[i];
            assertThat(Math.abs(projected)).as("projected gradient %d", i).isLessThan(1e-6);
        }
        Scipy.compare("import numpy as np; from scipy.optimize import minimize\nQ=np.loadtxt('" + dir.resolve("Q.csv") + "',delimiter=',')\n"
                + "c=np.loadtxt('" + dir.resolve("c.csv") + "',delimiter=',')\n"
                + "r=minimize(lambda x:(x@Q@x/2+c@x, Q@x+c), np.zeros(5), jac=True, method='L-BFGS-B', bounds=[(-1,1)]*5, "
                + "options={'gtol':1e-12,'ftol':1e-15})\nprint(' '.join(repr(v) for v in r.x))", x, 1e-6);
    }

    @Test
    void lassoHasExactZerosAndSatisfiesTheSubgradientCondition() throws IOException {
        double[][] a = random(30, 8, 41);
        double[] b = times(a, new double[] {3, 0, 0, -2, 0, 0, 0, 1});
        Random noise = new Random(42);
        for (int i = 0; i < b.length; i++) b[i] += 0.1 * noise.nextGaussian();
        double lam = 8;
        Cli r = cli("minimize", "norm2(A*x - b)^2 + lam*norm1(x)", "--over", "x", "--data", "A=" + csv("A.csv", a),
                "--data", "b=" + csv("b.csv", b), "--data", "lam=" + lam, "--tolerance", "1e-10");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("status: optimal").contains("rewrite: norm1(x)").contains("start: Starting from x = 0.");
        String line = r.out().lines().filter(l -> l.startsWith("x = ")).findFirst().orElseThrow();
        double[] x = vector(JSON.readTree(line.substring(4)));
        double[] g = lsGradient(a, b, x);
        int zeros = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0) {
                zeros++;
                assertThat(Math.abs(g[i])).as("subgradient at zero x[%d]", i).isLessThanOrEqualTo(lam + 1e-6);
            } else {
                assertThat(g[i] + lam * Math.signum(x[i])).as("stationarity at x[%d]", i).isCloseTo(0, within(1e-4));
            }
        }
        assertThat(zeros).as("exact zeros").isGreaterThanOrEqualTo(3);
    }

    /** The stored SciPy optima of core's MaxReformulationTest, on its data files. */
    private static final Path MAX_DATA = Path.of("core/src/test/resources/problem");

    @Test
    void aHingeLossSvmAndAChebyshevFitReachScipysOptima() throws IOException {
        JsonNode reference = JSON.readTree(MAX_DATA.resolve("max-reference.json").toFile());
        for (String data : List.of("separable", "overlap")) {
            Cli r = cli("minimize", "sum(max(1 - y.*(X*w), 0)) + lam*norm2(w)^2", "--over", "w",
                    "--data", "X=" + MAX_DATA.resolve("svm-" + data + "-X.csv"), "--data", "y=" + MAX_DATA.resolve("svm-" + data + "-y.csv"),
                    "--data", "lam=0.1", "--format", "json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            double expected = reference.get("svm-" + data).get("objective").asDouble();
            assertThat(json(r).get("status").asText()).isEqualTo("optimal");
            assertThat(json(r).get("objective").asDouble()).isCloseTo(expected, within(1e-6 * expected));
            assertThat(json(r).get("rewrites").get(0).asText()).isEqualTo("sum(max(1 - y.*(X*w), 0)) → sum(t1) with t1 >= 1 - y.*(X*w), t1 >= 0");
        }
        Cli r = cli("minimize", "max(A*x - b)", "--over", "x", "--data", "A=" + MAX_DATA.resolve("chebyshev-A.csv"),
                "--data", "b=" + MAX_DATA.resolve("chebyshev-b.csv"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("status: optimal").contains("rewrite: max(A*x - b) → s1 with A*x - b <= s1");
        String line = r.out().lines().filter(l -> l.startsWith("objective: ")).findFirst().orElseThrow();
        double expected = reference.get("chebyshev").get("objective").asDouble();
        assertThat(Double.parseDouble(line.substring("objective: ".length()))).isCloseTo(expected, within(1e-6 * expected));
    }

    @Test
    void aMaxThatWouldMakeTheProblemNonConvexIsRefused() {
        Cli r = cli("minimize", "norm2(x)^2 - sum(max(x - c, 0))", "--over", "x", "--data", "c=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("sum(max(x - c, 0)) in the objective is not supported there")
                .contains("with the factor -1 = -1.0, which makes the problem non-convex");
        r = cli("minimize", "norm2(max(x - c, 0))^2", "--over", "x", "--data", "c=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("max(x - c, 0) is not supported inside norm2(max(x - c, 0))^2 (in the objective)");
    }

    @Test
    void aMatrixVariableIsTheMultiOutputRidgeSolution() throws IOException {
        double[][] x = random(12, 3, 51), y = random(12, 2, 52);
        Cli r = cli("minimize", "tr((X*W - Y)'*(X*W - Y)) + tr(W'*W)", "--over", "W", "--data", "X=" + csv("X.csv", x),
                "--data", "Y=" + csv("Y.csv", y), "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[][] w = matrix(json(r).get("solution").get("W"));
        DMatrixRMaj xm = new DMatrixRMaj(x), a = new DMatrixRMaj(3, 3), b = new DMatrixRMaj(3, 2), expected = new DMatrixRMaj(3, 2);
        CommonOps_DDRM.multTransA(xm, xm, a);
        for (int i = 0; i < 3; i++) a.add(i, i, 1);
        CommonOps_DDRM.multTransA(xm, new DMatrixRMaj(y), b);
        CommonOps_DDRM.solve(a, b, expected);
        assertThat(w).hasDimensions(3, 2);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) assertThat(w[i][j]).isCloseTo(expected.get(i, j), within(1e-7));
    }

    @Test
    void precisionMatrixEstimateIsTheInverseCovariance() throws IOException {
        double[][] c = {{2, 0.5, 0.2}, {0.5, 1.5, -0.3}, {0.2, -0.3, 1}};
        Cli r = cli("minimize", "-logdet(S) + tr(S*C)", "--over", "S", "--let", "S:symmetric(n)", "--data", "C=" + csv("C.csv", c),
                "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[][] s = matrix(json(r).get("solution").get("S"));
        DMatrixRMaj inv = new DMatrixRMaj(c);
        CommonOps_DDRM.invert(inv);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                assertThat(s[i][j]).isEqualTo(s[j][i]);
                assertThat(s[i][j]).isCloseTo(inv.get(i, j), within(1e-6));
            }
        assertThat(json(r).get("start").asText()).contains("S = identity");
    }

    @Test
    void maximizeReportsTheObjectiveAsWrittenAndItsMaximizer() throws IOException {
        Cli r = cli("maximize", "logdet(S) - tr(S*C)", "--over", "S", "--let", "S:symmetric(n)", "--data", "C=[[2,1],[1,3]]",
                "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        double[][] s = matrix(j.get("solution").get("S"));
        double[][] inv = {{0.6, -0.2}, {-0.2, 0.4}};      // inv([[2,1],[1,3]])
        for (int i = 0; i < 2; i++) for (int k = 0; k < 2; k++) assertThat(s[i][k]).isCloseTo(inv[i][k], within(1e-6));
        assertThat(j.get("objective").asDouble()).isCloseTo(Math.log(0.2) - 2, within(1e-9));   // log det inv(C) - n
    }

    @Test
    void progressLinesGoToStderrOnlyWhenAsked() throws IOException {
        Cli shown = cli("minimize", "(x - c)'*(x - c)", "--over", "x", "--data", "c=[1,2]", "--progress");
        assertThat(shown.err()).contains("iter").contains("objective").contains("optimality");
        assertThat(shown.err().lines().filter(l -> l.trim().matches("\\d+ .*")).count()).isPositive();
        Cli quiet = cli("minimize", "(x - c)'*(x - c)", "--over", "x", "--data", "c=[1,2]", "--quiet");
        assertThat(quiet.err()).doesNotContain("iter");
        assertThat(quiet.out()).contains("x = [1, 2]");
    }

    // ---- general constraints ----

    @Test
    void simplexConstrainedLeastSquaresSatisfiesKkt() throws IOException {
        double[][] a = random(10, 4, 61);
        double[] b = times(a, new double[] {0.7, -0.5, 0.6, 0.2});
        Cli r = cli("minimize", "norm2(A*x - b)^2", "--over", "x", "--subject-to", "sum(x) == 1", "--subject-to", "x >= 0",
                "--data", "A=" + csv("A.csv", a), "--data", "b=" + csv("b.csv", b), "--tolerance", "1e-9", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("method").asText()).contains("augmented Lagrangian");
        double[] x = vector(j.get("solution").get("x"));
        double sum = 0;
        for (double v : x) {
            assertThat(v).isGreaterThanOrEqualTo(0);
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-8));
        // KKT: g_i + nu = 0 where x_i > 0, g_i + nu >= 0 where x_i = 0; nu from the free entries
        double[] g = lsGradient(a, b, x);
        List<Double> nus = new ArrayList<>();
        for (int i = 0; i < 4; i++) if (x[i] > 1e-6) nus.add(-g[i]);
        assertThat(nus).isNotEmpty();
        double nu = nus.get(0);
        for (double other : nus) assertThat(other).isCloseTo(nu, within(1e-4));
        for (int i = 0; i < 4; i++) if (x[i] <= 1e-6) assertThat(g[i] + nu).isGreaterThan(-1e-4);
    }

    @Test
    void aNonlinearInequalityHasANonNegativeMultiplier() throws IOException {
        double[] c = {2, 1, -2};      // outside the unit ball: the answer is c/‖c‖ = c/3
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "x", "--subject-to", "norm2(x)^2 <= 1", "--data", "c=[2,1,-2]",
                "--tolerance", "1e-9", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] x = vector(json(r).get("solution").get("x"));
        double norm2 = 0;
        for (double v : x) norm2 += v * v;
        assertThat(norm2).isCloseTo(1, within(1e-6));
        // stationarity: 2(x - c) + 2·mu·x = 0 with mu >= 0
        double mu = (c[0] - x[0]) / x[0];
        assertThat(mu).isGreaterThan(0);
        for (int i = 0; i < 3; i++) assertThat(2 * (x[i] - c[i]) + 2 * mu * x[i]).isCloseTo(0, within(1e-5));
        for (int i = 0; i < 3; i++) assertThat(x[i]).isCloseTo(c[i] / 3, within(1e-6));
    }

    @Test
    void aLinearEqualityIsTheProjectionOntoItsHyperplane() throws IOException {
        // min ‖x - c‖² s.t. a'x = 1: x = c + (1 - a'c)/(a'a)·a
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "x", "--subject-to", "a'*x == 1", "--data", "c=[1,2,3]",
                "--data", "a=[1,-1,2]", "--tolerance", "1e-9", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] x = vector(json(r).get("solution").get("x"));
        double[] c = {1, 2, 3}, a = {1, -1, 2};
        double t = (1 - (1 - 2 + 6)) / 6.0;
        for (int i = 0; i < 3; i++) assertThat(x[i]).isCloseTo(c[i] + t * a[i], within(1e-6));
        assertThat(json(r).get("violation").asDouble()).isLessThan(1e-8);
    }

    @Test
    void anInfeasibleProblemEndsWithStatusInfeasibleAndExitOne() {
        Cli r = cli("minimize", "x'*x", "--over", "x", "--start", "x=[0.5,0.5]", "--subject-to", "sum(x) >= 1",
                "--subject-to", "sum(x) <= -1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("status: infeasible").contains("x = [");
    }

    @Test
    void anUnboundedProblemEndsWithExitOne() throws IOException {
        Cli r = cli("minimize", "sum(x)", "--over", "x", "--start", "x=[1,2]", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r).get("status").asText()).isEqualTo("unbounded");
    }

    @Test
    void theIterationLimitEndsWithExitOneAndTheAnswerSoFar() {
        Cli r = cli("minimize", "sum((x - c).^2) + sum(x.^4)", "--over", "x", "--data", "c=[1,2,3,4]", "--max-iterations", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("status: iteration limit").contains("iterations: 1");
    }

    // ---- GENO model files ----

    @Test
    void aGenoModelIsSolvedWithItsData() throws IOException {
        double[][] a = random(20, 5, 71);
        double[] b = times(a, new double[] {1, 0, 0.5, 0, 2});   // feasible: the least-squares solution itself
        Path model = dir.resolve("nnls.geno");
        Files.writeString(model, """
                parameters
                  matrix A
                  vector b
                variables
                  vector x
                min
                  norm2(A*x - b)^2
                st
                  x >= 0
                """);
        Cli r = cli("solve", model.toString(), "--data", "A=" + csv("A.csv", a), "--data", "b=" + csv("b.csv", b),
                "--tolerance", "1e-10", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        double[] x = vector(json(r).get("solution").get("x"));
        double[] g = lsGradient(a, b, x);
        for (int i = 0; i < 5; i++) {
            assertThat(x[i]).isGreaterThanOrEqualTo(0);
            assertThat(Math.abs(Math.min(x[i], g[i]))).as("complementarity %d", i).isLessThan(1e-5);
        }
        assertThat(x[0]).isCloseTo(1, within(1e-6));
        assertThat(x[4]).isCloseTo(2, within(1e-6));
    }

    @Test
    void anErrorInAGenoModelNamesTheFileLineAndColumn() throws IOException {
        Path model = dir.resolve("bad.geno");
        Files.writeString(model, "parameters\n  vector b\nvariables\n  vector x\nmin\n  norm2(x - b)^2\nst\n  x <= \n");
        Cli r = cli("solve", model.toString(), "--data", "b=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("8:").contains("bad.geno").contains("^");
    }

    // ---- output ----

    @Test
    void outWritesNpyCsvAndJsonThatReadBack() throws IOException {
        for (String ext : new String[] {"npy", "csv", "json"}) {
            Path out = dir.resolve("S." + ext);
            Cli r = cli("minimize", "-logdet(S) + tr(S*C)", "--over", "S", "--let", "S:symmetric(n)", "--data", "C=[[2,1],[1,3]]",
                    "--tolerance", "1e-10", "--out", out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            DataValue v = DataSource.parse(ext.equals("json") ? out.toString() : "S=" + out, null).get("S");
            assertThat(v.matrix().numRows).isEqualTo(2);
            assertThat(v.matrix().numCols).isEqualTo(2);
            assertThat(v.matrix().get(0, 0)).isCloseTo(0.6, within(1e-6));
            assertThat(v.matrix().get(0, 1)).isCloseTo(-0.2, within(1e-6));
            try (var files = Files.list(dir)) {
                assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
            }
        }
    }

    @Test
    void largeValuesAreLeftOutOfTheTextAndWrittenToOut() throws IOException {
        double[] c = new double[150];
        for (int i = 0; i < c.length; i++) c[i] = i / 10.0;
        Path cPath = csv("c.csv", c);
        Cli left = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=" + cPath);
        assertThat(left.exitCode()).isZero();
        assertThat(left.out()).contains("x: 150 entries").contains("--out");
        Path out = dir.resolve("x.npy");
        Cli written = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=" + cPath, "--out", out.toString());
        assertThat(written.out()).contains("x: 150 entries, written to " + out);
        DMatrixRMaj x = DataSource.parse("x=" + out, null).get("x").matrix();
        assertThat(x.numRows).isEqualTo(150);
        for (int i = 0; i < 150; i++) assertThat(x.get(i)).isCloseTo(c[i], within(1e-6));
    }

    @Test
    void badInputWritesNoOutFile() {
        Path out = dir.resolve("never.json");
        Cli r = cli("minimize", "norm2(A*x - b)^2", "--over", "x", "--data", "A=[[1,0],[0,1]]", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    // ---- bad input: exit 2 with a message that names what and where ----

    @Test
    void aParameterWithoutData() {
        Cli r = cli("minimize", "norm2(A*x - b)^2", "--over", "x", "--data", "A=[[1,0],[0,1]]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no data for the parameter b");
    }

    @Test
    void dataOfTheWrongShape() {
        Cli r = cli("minimize", "norm2(A*x - b)^2", "--over", "x", "--data", "A=[[1,0],[0,1],[1,1]]", "--data", "b=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--data b=[1,2] is 2×1").contains("^");
    }

    @Test
    void aConstraintThatDoesNotParse() {
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=[1,2]", "--subject-to", "x <= (1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsPattern("1:\\d+:").contains("x <= (1").contains("^");
    }

    @Test
    void anOverVariableNotInTheObjective() {
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "y", "--data", "c=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("y is not in the objective");
    }

    @Test
    void anObjectiveThatIsNotScalar() {
        Cli r = cli("minimize", "x - c", "--over", "x", "--data", "c=[1,2]");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the objective must be a scalar");
    }

    @Test
    void anUnreadableDataFile() {
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=" + dir.resolve("missing.csv"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing.csv").contains("no such file");
    }

    @Test
    void badOptions() {
        assertThat(cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=[1,2]", "--tolerance", "-1").err())
                .contains("tolerance must be a positive number");
        assertThat(cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=[1,2]", "--out", "x.txt").err())
                .contains("use .npy, .csv or .json");
        Cli json = cli("minimize", "x - c", "--over", "x", "--data", "c=[1,2]", "--format", "json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.out()).contains("\"error\"");
        assertThat(cli("minimize", "norm2(x)^2").exitCode()).isEqualTo(2);     // --over is required
    }

    @Test
    void aBadStartValueIsToldAsStartsError() {
        Cli r = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=[1,2]", "--start", "x=");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--start x=").doesNotContain("--data");
        Cli wrongSize = cli("minimize", "norm2(x - c)^2", "--over", "x", "--data", "c=[1,2]", "--start", "x=[1,2,3]");
        assertThat(wrongSize.exitCode()).isEqualTo(2);
        assertThat(wrongSize.err()).contains("x");
    }

    @Test
    void theObjectiveIsReadFromAFile() throws IOException {
        Path f = dir.resolve("objective.txt");
        Files.writeString(f, "r = x - c\nr'*r\n");
        Cli r = cli("minimize", "@" + f, "--over", "x", "--data", "c=[1,2]", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(vector(JSON.readTree(r.out()).get("solution").get("x"))).containsExactly(new double[] {1, 2}, within(1e-6));
    }

    /** SciPy's answer, where /usr/bin/python3 has SciPy; a message and nothing else where it has not. */
    static final class Scipy {
        static void compare(String script, double[] ours, double tol) {
            Path python = Path.of("/usr/bin/python3");
            if (!Files.isExecutable(python)) {
                System.out.println("SciPy comparison skipped: /usr/bin/python3 not found");
                return;
            }
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", script).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor() != 0) {
                    System.out.println("SciPy comparison skipped: " + out.lines().reduce((a, b) -> b).orElse(""));
                    return;
                }
                String[] parts = out.split("\\s+");
                assertThat(parts).hasSize(ours.length);
                for (int i = 0; i < ours.length; i++) assertThat(ours[i]).as("entry %d vs SciPy", i).isCloseTo(Double.parseDouble(parts[i]), within(tol));
            } catch (IOException | InterruptedException e) {
                System.out.println("SciPy comparison skipped: " + e.getMessage());
            }
        }
    }
}
