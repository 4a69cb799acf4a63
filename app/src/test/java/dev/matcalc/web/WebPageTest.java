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
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1200,900");
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
        try {
            return driver.findElement(By.cssSelector(".part pre.form")).getText();
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
        driver.manage().window().setSize(new Dimension(1200, 1400));
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
        driver.manage().window().setSize(new Dimension(1200, 1400));   // tall enough for the whole answer
        screenshot("page.png");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot("page-phone.png");
            Long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
        } finally {
            driver.manage().window().setSize(new Dimension(1200, 900));
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

    static void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }
}
