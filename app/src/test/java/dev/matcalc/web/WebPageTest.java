package dev.matcalc.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in headless Chromium (Debian's chromium + chromium-driver, which CI installs); skipped
 * only where {@code /usr/bin/chromedriver} is absent.
 */
class WebPageTest {
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static WebServer server;
    static WebDriver driver;
    static Path profile;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(DRIVER), "browser tests skipped: /usr/bin/chromedriver is missing "
                + "(apt-get install chromium chromium-driver)");
        server = WebServer.start("127.0.0.1", 0, Limits.DEFAULT);
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        profile = Files.createTempDirectory("matcalc-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        downloads = Files.createDirectories(profile.resolve("downloads"));
        // safebrowsing on: without it Chromium holds a .py download as "Unconfirmed ....crdownload" for the user to keep
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", true));
        driver = new ChromeDriver(options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) driver.quit();
        if (server != null) server.close();
        if (profile != null)
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    static void open(String query) {
        driver.get("http://127.0.0.1:" + server.port() + "/" + query);
        waiting().until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
    }

    /** The text form of the answer; the page re-renders it as it updates, so a vanished element reads as "". */
    static String textForm() {
        return textOf(By.cssSelector(".part pre.form"));
    }

    /** The text of the first element found, "" while the page re-renders it. */
    static String textOf(By by) {
        try {
            return driver.findElement(by).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException rerendered) {
            return "";
        }
    }

    static void type(String expr) {
        WebElement box = driver.findElement(By.id("expr"));
        box.clear();
        box.sendKeys(expr);
    }

    @Test
    void typingRendersTheDerivativeWithKatexAndTheNumericCheck() {
        open("");
        assertThat(driver.getTitle()).contains("matcalc");
        type("sum(exp(W*x))");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part .derivative .katex")));
        waiting().until(d -> textForm().contains("exp(W*x)"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "Matches dual numbers"));
        assertThat(driver.findElements(By.cssSelector("#variables .var-row"))).hasSize(2);
        assertThat(driver.getCurrentUrl()).contains("expr=sum%28exp%28W*x%29%29");
    }

    @Test
    void changingAShapeUpdatesTheDerivative() {
        open("");
        type("x'*A*x");
        waiting().until(d -> !d.findElements(By.cssSelector(".part pre.form")).isEmpty());
        String general = textForm();
        new Select(driver.findElement(By.cssSelector("select[data-var=A]"))).selectByValue("symmetric");
        waiting().until(d -> textForm().equals("2*x'*A"));
        assertThat(general).isNotEqualTo("2*x'*A");
        assertThat(driver.getCurrentUrl()).contains("let=A%3Asymmetric%28");
    }

    @Test
    void aBadExpressionIsUnderlinedInline() {
        open("");
        type("A*x + foo bar");
        WebElement underline = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#error .error-underline")));
        assertThat(underline.getText()).isEqualTo("bar");
        assertThat(driver.findElement(By.id("error-message")).getText()).contains("1:11");
        assertThat(driver.findElement(By.id("expr")).getAttribute("aria-invalid")).isEqualTo("true");
        type("A*x");
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("error")));
    }

    @Test
    void aTensorDerivativeShowsItsVecAndIndexForms() throws Exception {
        open("?expr=" + URLEncoder.encode("A*X*B", StandardCharsets.UTF_8) + "&wrt=X&layout=numerator&order=1");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part .tensor-form .katex")));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part .index-form .katex")));
        assertThat(driver.findElement(By.cssSelector(".part .tensor-form")).getText()).contains("vec stacking columns");
        assertThat(textForm()).isEqualTo("A*dX*B");
        driver.manage().window().setSize(new Dimension(1280, 1400));
        screenshot("page-tensor.png");
    }

    @Test
    void aSharedUrlRestoresTheState() throws Exception {
        open("?expr=" + URLEncoder.encode("x'*A*x", StandardCharsets.UTF_8)
                + "&wrt=x&let=" + URLEncoder.encode("A:symmetric(n)", StandardCharsets.UTF_8) + "&layout=mixed&order=1");
        waiting().until(d -> !d.findElements(By.cssSelector(".part pre.form")).isEmpty() && textForm().equals("2*A*x"));
        assertThat(driver.findElement(By.id("expr")).getAttribute("value")).isEqualTo("x'*A*x");
        assertThat(new Select(driver.findElement(By.id("layout"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("mixed");
        assertThat(new Select(driver.findElement(By.cssSelector("select[data-var=A]"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("symmetric");
        assertThat(driver.findElement(By.cssSelector("input[data-var=x]")).isSelected()).isTrue();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part .katex")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "Matches"));
        driver.manage().window().setSize(new Dimension(1280, 1400));   // tall enough for the whole answer
        screenshot("page.png");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot("page-phone.png");
            Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void markupTypedIntoThePageIsNeverInterpreted() {
        open("?expr=" + URLEncoder.encode("<img src=x onerror=window.pwned=1>", StandardCharsets.UTF_8));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(driver.findElement(By.id("error-source")).getText()).contains("<img");
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    static String url(String expr, String rest) {
        return "?expr=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + rest;
    }

    /** The LaTeX source KaTeX rendered in {@code e} (its MathML annotation), so a test reads what was typeset. */
    static String latexOf(WebElement e) {
        return (String) js("const a = arguments[0].querySelector('annotation'); return a ? a.textContent : '';", e);
    }

    static WebElement selectedTab() {
        return driver.findElement(By.cssSelector(".part .tab-bar [role=tab][aria-selected=true]"));
    }

    @Test
    void codeTabsShowGeneratedCodeAndCodeInTheAddressOpensOne() {
        open(url("x'*A*x", "&wrt=x&let=" + URLEncoder.encode("A:symmetric(n)", StandardCharsets.UTF_8) + "&code=numpy"));
        waiting().until(d -> textForm().contains("def fAndG(x, A):"));
        assertThat(selectedTab().getText()).isEqualTo("NumPy");
        assertThat(textForm()).contains("gradient = 2.0 * (A @ x)");
        WebElement download = driver.findElement(By.cssSelector(".part a.download"));
        assertThat(download.getAttribute("download")).isEqualTo("matcalc_numpy.py");
        String href = download.getAttribute("href");
        assertThat(java.net.URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8))
                .as("the download holds the code shown").isEqualTo(js("return document.querySelector('.part pre.form').textContent"));
        assertThat(driver.findElements(By.cssSelector(".part .tab-bar [role=tab]")).stream().map(WebElement::getText).toList())
                .containsExactly("Text", "Pretty", "LaTeX", "NumPy", "PyTorch", "JAX", "Java");

        driver.findElement(By.cssSelector(".part [data-form=java]")).click();
        waiting().until(d -> textForm().contains("public final class MatcalcFunction"));
        assertThat(driver.getCurrentUrl()).contains("code=java");
        assertThat(driver.findElement(By.cssSelector(".part a.download")).getAttribute("download")).isEqualTo("MatcalcFunction.java");
        driver.findElement(By.cssSelector(".part [data-form=pytorch]")).click();
        waiting().until(d -> textForm().contains("import torch"));
        driver.findElement(By.cssSelector(".part [data-form=text]")).click();
        waiting().until(d -> textForm().equals("2*x'*A"));
        assertThat(driver.getCurrentUrl()).doesNotContain("code=");
    }

    /** Download saves the module shown; run, it checks its own gradient against central differences. */
    @Test
    void theDownloadedNumpyModuleIsTheCodeShownAndRuns() throws Exception {
        open(url("sum(exp(W*x))", "&wrt=x&code=numpy"));
        waiting().until(d -> textForm().contains("def fAndG(W, x):"));
        String shown = (String) js("return document.querySelector('.part pre.form').textContent");
        driver.findElement(By.cssSelector(".part a.download")).click();
        Path file = downloads.resolve("matcalc_numpy.py");
        waiting().until(d -> Files.exists(file) && shown.equals(read(file)));
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python) && new ProcessBuilder(python.toString(), "-c", "import numpy").start().waitFor() == 0,
                "running the module needs /usr/bin/python3 with numpy");
        Process run = new ProcessBuilder(python.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).as(out).isZero();
        var m = java.util.regex.Pattern.compile("largest relative difference from central differences: (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThan(1e-5);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException stillBeingWritten) {
            return "";
        }
    }

    @Test
    void aCodeTargetThatCannotExpressTheDerivativeSaysWhyInItsTab() {
        open(url("inv(X)", "&wrt=X&code=java"));
        waiting().until(d -> !d.findElements(By.cssSelector(".part pre.form.failed")).isEmpty());
        assertThat(textForm()).contains("Java code generation needs a matrix form");
        assertThat(driver.findElement(By.cssSelector(".part a.download")).isDisplayed()).isFalse();
        driver.findElement(By.cssSelector(".part [data-form=jax]")).click();
        waiting().until(d -> textForm().contains("import jax"));
    }

    @Test
    void evaluatingAtTypedValuesShowsTheNumbersAndTheCheckThere() {
        open(url("x'*A*x", "&wrt=x"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#eval-values textarea[data-var=A]")));
        driver.findElement(By.cssSelector("#eval-values textarea[data-var=x]")).sendKeys("[1, 2]");
        driver.findElement(By.cssSelector("#eval-values textarea[data-var=A]")).sendKeys("[[1, 2], [3, 4]]");
        driver.findElement(By.id("eval-run")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#eval-result .eval-check"), "Matches dual numbers at this point"));
        assertThat(driver.findElement(By.cssSelector(".eval-f pre")).getText()).isEqualTo("27");       // [1 2]·[[1 2],[3 4]]·[1 2]'
        assertThat(driver.findElement(By.cssSelector(".eval-derivative pre")).getText()).isEqualTo("[12, 21]");  // x'(A + A')
        assertThat(driver.findElement(By.cssSelector(".eval-derivative .numbers-head")).getText()).contains("shape [2]");

        driver.findElement(By.cssSelector("#eval-values textarea[data-var=x]")).sendKeys(" junk");
        driver.findElement(By.id("eval-run")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("eval-result"), "x: \"[1, 2] junk\" is not a number"));
    }

    @Test
    void randomValuesOfTheSizesAskedAreEvaluatedInTheShapeOfFPlusTheShapeOfWrt() throws Exception {
        open(url("A*x", "&wrt=x"));              // a Jacobian: shape(f) + shape(x) = [rows of A, columns of A]
        WebElement shapeOfA = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[contains(@class,'value-field')][.//textarea[@data-var='A']]/span[contains(@class,'var-shape')]")));
        var dims = java.util.regex.Pattern.compile("matrix\\((\\w+),(\\w+)\\)").matcher(shapeOfA.getText());
        assertThat(dims.matches()).as(shapeOfA.getText()).isTrue();
        String rowsDim = dims.group(1), colsDim = dims.group(2);
        driver.findElement(By.cssSelector("#eval-sizes input[data-dim=" + rowsDim + "]")).sendKeys("5");
        driver.findElement(By.id("eval-random")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#eval-result .eval-check"), "Matches dual numbers at this point"));
        assertThat(driver.findElement(By.cssSelector("#eval-sizes input[data-dim=" + rowsDim + "]")).getAttribute("value")).isEqualTo("5");
        String n = driver.findElement(By.cssSelector("#eval-sizes input[data-dim=" + colsDim + "]")).getAttribute("value");
        assertThat(n).as("a blank size is drawn").matches("[234]");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        double[][] a = json.readValue(driver.findElement(By.cssSelector("#eval-values textarea[data-var=A]")).getAttribute("value"), double[][].class);
        double[] x = json.readValue(driver.findElement(By.cssSelector("#eval-values textarea[data-var=x]")).getAttribute("value"), double[].class);
        assertThat(a).hasNumberOfRows(5);
        assertThat(a[0]).hasSize(Integer.parseInt(n));
        assertThat(driver.findElement(By.cssSelector(".eval-derivative .numbers-head")).getText()).contains("shape [5, " + n + "]");
        // the Jacobian of A*x is A: the rows shown are the rows drawn
        String[] rows = driver.findElement(By.cssSelector(".eval-derivative pre")).getText().split("\n");
        assertThat(rows).hasSize(5);
        for (int i = 0; i < 5; i++) {
            double[] shown = java.util.Arrays.stream(rows[i].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            assertThat(shown).containsExactly(a[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        double[] fShown = json.readValue(driver.findElement(By.cssSelector(".eval-f pre")).getText(), double[].class);
        for (int i = 0; i < 5; i++) {
            double ax = 0;
            for (int j = 0; j < x.length; j++) ax += a[i][j] * x[j];
            assertThat(fShown[i]).isCloseTo(ax, org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(ax))));
        }
    }

    @Test
    void theStepsShowEverySectionOfTheDerivationAsTheCliDoes() {
        open(url("relu(w'*x + b)", "&wrt=w"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part .steps-block .step-section")));
        driver.findElement(By.cssSelector(".part .steps-block summary")).click();
        assertThat(driver.findElements(By.cssSelector(".step-section h3")).stream().map(WebElement::getText).toList())
                .containsExactly("1. INTERMEDIATE VARIABLES (INNERMOST FIRST)", "2. LOCAL DERIVATIVES", "3. CHAIN RULE",
                        "4. SUBSTITUTE", "RESULT");
        var intermediates = driver.findElements(By.cssSelector(".step-section[data-kind=intermediate] .step"));
        assertThat(intermediates).hasSize(3);
        assertThat(latexOf(intermediates.get(0))).isEqualTo("u_{1} = w^\\top x");
        assertThat(intermediates.get(0).findElement(By.cssSelector(".step-note")).getText()).isEqualTo("[1×1, product]");
        assertThat(intermediates.get(2).findElement(By.cssSelector(".step-note")).getText()).isEqualTo("[1×1, relu] so f = u3");
        var locals = driver.findElements(By.cssSelector(".step-section[data-kind=local] .step"));
        assertThat(latexOf(locals.get(0))).isEqualTo("\\frac{\\partial u_{1}}{\\partial w} = x^\\top");
        assertThat(locals.get(0).findElement(By.cssSelector(".step-note")).getText()).isEqualTo("[1×n] dot product (∂(u'v)/∂u = v')");
        WebElement chain = driver.findElement(By.cssSelector(".step-section[data-kind=chain] .step"));
        assertThat(chain.findElement(By.cssSelector(".step-law")).getText()).startsWith("vector chain rule; numerator layout");
        assertThat(chain.findElement(By.cssSelector(".step-note")).getText()).isEqualTo("shapes: (1×1)(1×1)(1×n) = 1×n");
        WebElement result = driver.findElement(By.cssSelector(".step-section[data-kind=result] .step"));
        assertThat(latexOf(result)).startsWith("\\frac{\\partial f}{\\partial w} = ");
        assertThat(result.findElement(By.cssSelector(".step-note")).getText()).isEqualTo("[gradient; numerator layout: 1×n]");
    }

    @Test
    void orderFourInTheAddressIsKept() {
        open(url("sum(exp(x))", "&wrt=x&order=4"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".part h2")));
        assertThat(new Select(driver.findElement(By.id("order"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("4");
        assertThat(driver.findElement(By.cssSelector(".part h2")).getText()).contains("a tensor of order 4 (n×n×n×n)");
        assertThat(textForm()).isEqualTo("dx'*(dx_2.*dx_3.*dx_4.*exp(x))");
        assertThat(driver.getCurrentUrl()).contains("order=4");
    }

    @Test
    void aGalleryExampleFillsTheBoxAndTheAddress() {
        open("");
        driver.findElement(By.xpath("//button[contains(@class,'example')][contains(., 'Attention')]")).click();
        waiting().until(d -> textForm().contains("softmax"));
        assertThat(driver.findElement(By.id("expr")).getAttribute("value")).isEqualTo("sum(G.*(softmax(Q*K'/c, 2)*V))");
        assertThat(driver.getCurrentUrl()).contains("expr=" + URLEncoder.encode("sum(G.*(softmax(Q*K'/c, 2)*V))", StandardCharsets.UTF_8))
                .contains("wrt=Q");
        assertThat(driver.findElement(By.cssSelector("input[data-var=Q]")).isSelected()).isTrue();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "Matches"));

        driver.findElement(By.xpath("//button[contains(@class,'example')][contains(., 'Hessian')]")).click();
        waiting().until(d -> textOf(By.cssSelector(".part h2")).startsWith("Hessian"));
        assertThat(driver.findElement(By.id("expr")).getAttribute("value")).isEqualTo("sum(log(1 + exp(-y.*(X*w))))");
        assertThat(driver.getCurrentUrl()).contains("order=2").contains("wrt=w");
        assertThat(new Select(driver.findElement(By.id("order"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("2");
    }

    @Test
    void anErrorLeavesNoEmptyResultCardAndNoStaleVariables() {
        open("");
        assertThat(driver.findElement(By.id("result")).isDisplayed()).as("nothing to show yet").isFalse();
        type("sum(exp(W*x))");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .part")));
        assertThat(driver.findElement(By.id("evaluate")).isDisplayed()).isTrue();
        type("sum(exp(W*x)) +");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("result")));
        assertThat(driver.findElement(By.id("evaluate")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector("#variables .var-row"))).as("no variables of an expression no longer typed").isEmpty();
        assertThat(driver.findElement(By.id("variables")).getText()).contains("Correct the expression");
        type("sum(exp(V*y))");
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#result .part")));
        waiting().until(d -> d.findElements(By.cssSelector("#variables .var-name")).stream().map(WebElement::getText).toList()
                .equals(java.util.List.of("V", "y")));
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    /**
     * A rich answer (attention: wide formulas, where-definitions, steps open, code, numbers) at
     * desktop and phone widths: the screenshots are for a person to look at; the assertions hold
     * what the eye checks, that nothing is cut or scrolls where it should not.
     */
    @Test
    void wideFormulasScrollInTheirBoxesAndNothingScrollsVertically() throws Exception {
        open(url("sum(G.*(softmax(Q*K'/c, 2)*V))", "&wrt=Q&code=numpy"));
        waiting().until(d -> textForm().contains("def fAndG"));
        driver.findElement(By.cssSelector(".part .steps-block summary")).click();
        driver.findElement(By.cssSelector("#eval-sizes input[data-dim=n]")).sendKeys("2");
        driver.findElement(By.id("eval-random")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#eval-result .eval-check"), "Matches"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"), "Matches"));
        try {
            for (int width : new int[]{1280, 390}) {
                driver.manage().window().setSize(new Dimension(width, 900));
                long height = (Long) js("return document.documentElement.scrollHeight");
                driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 120, 6000)));
                screenshot(width == 390 ? "page-phone-attention.png" : "page-desktop-attention.png");
                assertThat((Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                        .as("no sideways scrolling of the page at %d px", width).isLessThanOrEqualTo(0L);
                @SuppressWarnings("unchecked")
                var boxes = (java.util.List<java.util.Map<String, Object>>) js(
                        "return [...document.querySelectorAll('#result .math, #evaluate .numbers-head')].map(e => {"
                        + " const r = e.getBoundingClientRect();"
                        + " return {cls: e.className, right: r.right, scrollH: e.scrollHeight, clientH: e.clientHeight,"
                        + "         scrollW: e.scrollWidth, clientW: e.clientWidth, overflowX: getComputedStyle(e).overflowX}; })");
                assertThat(boxes).hasSizeGreaterThan(15);
                for (var b : boxes) {
                    assertThat(((Number) b.get("right")).doubleValue()).as("%s inside the window at %d px", b.get("cls"), width)
                            .isLessThanOrEqualTo(width);
                    assertThat(((Number) b.get("scrollH")).longValue()).as("%s has nothing to scroll vertically at %d px", b.get("cls"), width)
                            .isLessThanOrEqualTo(((Number) b.get("clientH")).longValue());
                    assertThat(b.get("overflowX")).isEqualTo("auto");
                }
                if (width == 1280)
                    assertThat(boxes).as("a short formula has no scrollbar at 1280 px")
                            .filteredOn(b -> b.get("cls").toString().contains("step-math") && ((Number) b.get("scrollW")).longValue() < 400)
                            .hasSizeGreaterThan(5)
                            .allSatisfy(b -> assertThat(((Number) b.get("scrollW")).longValue()).isLessThanOrEqualTo(((Number) b.get("clientW")).longValue()));
                if (width == 390)
                    assertThat(boxes).as("a formula wider than a phone scrolls inside its box")
                            .anyMatch(b -> ((Number) b.get("scrollW")).longValue() > ((Number) b.get("clientW")).longValue());
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
