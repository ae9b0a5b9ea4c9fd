package coop.switchboard.it;

import coop.switchboard.members.AccountView;
import coop.switchboard.members.MemberView;
import coop.switchboard.members.MembershipEnrollment;
import coop.switchboard.members.NewMembership;
import coop.switchboard.platform.Role;
import coop.switchboard.platform.StaffUsers;
import coop.switchboard.search.AccountSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A CSR's keyboard-first journey in a real browser: sign in, press "/" to search, find a member despite a typo, open
 * the account with the arrow keys and Enter, and log a call that lands at the top of the timeline and in the
 * database under the CSR's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"switchboard.embedded.ephemeral=true"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort int port;
    @Autowired StaffUsers staff;
    @Autowired MembershipEnrollment enrollment;
    @Autowired AccountSearch search;
    @Autowired JdbcClient jdbc;

    WebDriver driver;
    Path profile;
    String username;
    final String password = "correct horse battery staple";
    long accountId;
    String accountNumber;
    String street;

    @BeforeAll
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        long unique = System.nanoTime() % 1_000_000_000L;
        username = "csr" + unique;
        staff.create(username, "Rosalind Test-CSR", password, Set.of(Role.CSR));

        String digits = String.format("%07d", unique % 10_000_000L);
        AccountView account = enrollment.enroll(new NewMembership(MemberView.MemberType.PERSON, "Marguerite", null,
                "Vandersloot", null, null, LocalDate.of(1958, 9, 14), null, null, MemberView.Language.EN,
                "509" + digits, "MOBILE", "m.vandersloot" + unique + "@example.net", "PO Box 415", null, "Metaline Falls",
                "WA", "99153", AccountView.BillDelivery.MAIL, MemberView.MembershipFeeStatus.PAID));
        accountId = account.id();
        accountNumber = account.accountNumber();
        street = "2217 Sullivan Lake Rd";

        Timestamp now = Timestamp.from(Instant.now());
        Date since = Date.valueOf(LocalDate.of(2021, 4, 1));
        long premiseId = jdbc.sql("""
                        insert into premises.premise (premise_type, line1, city, state, zip, feeder_id, transformer_id, created_at)
                        values ('RESIDENTIAL', ?, 'Ione', 'WA', '99139', 'ION1-F1', ?, ?) returning id""")
                .params(street, "T-" + unique, now).query(Long.class).single();
        long pointId = jdbc.sql("""
                        insert into premises.service_point (premise_id, service_type, label, created_at)
                        values (?, 'ELECTRIC', 'Electric', ?) returning id""")
                .params(premiseId, now).query(Long.class).single();
        long meterId = jdbc.sql("""
                        insert into metering.meter (meter_number, service_type, kind, multiplier, dials, ami, created_at)
                        values (?, 'ELECTRIC', 'Landis+Gyr Focus AXR', 1, 5, true, ?) returning id""")
                .params("6" + String.format("%08d", unique % 100_000_000L), now).query(Long.class).single();
        jdbc.sql("insert into metering.meter_installation (meter_id, service_point_id, installed_on) values (?, ?, ?)")
                .params(meterId, pointId, since).update();
        jdbc.sql("""
                        insert into agreements.service_agreement (account_id, service_point_id, rate_schedule_code, start_date, created_at)
                        values (?, ?, 'RS1', ?, ?)""")
                .params(accountId, pointId, since, now).update();
        jdbc.sql("update members.account set status = 'ACTIVE' where id = ?").param(accountId).update();
        search.refresh(List.of(accountId));

        profile = Files.createTempDirectory("it-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @Test
    void csrFindsAMemberDespiteATypoWithTheKeyboardAndLogsACall() throws IOException {
        try {
            journey();
        } catch (RuntimeException | AssertionError e) {
            Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    screenshots.resolve("console-browser-failure.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(screenshots.resolve("console-browser-failure.html"), driver.getPageSource());
            System.out.println("ConsoleBrowserTest failed at " + driver.getCurrentUrl() + "; screenshot and page source in " + screenshots.toAbsolutePath());
            throw e;
        }
    }

    private <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(what).until(condition);
    }

    private void journey() throws IOException {
        driver.get("http://localhost:" + port + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        await("the console after signing in", ExpectedConditions.presenceOfElementLocated(By.id("q")));
        assertThat(driver.getCurrentUrl()).doesNotContain("/login");

        // "/" from anywhere on the page focuses the search box.
        new Actions(driver).sendKeys("/").perform();
        await("'/' to focus the search box", d -> "q".equals(d.switchTo().activeElement().getDomAttribute("id")));
        new Actions(driver).sendKeys("margurite vandersloot").perform();
        assertThat(driver.findElement(By.id("q")).getDomProperty("value")).isEqualTo("margurite vandersloot");

        // Wait for the results of the whole query, then walk to our member with the arrow keys only.
        String href = "/accounts/" + accountId;
        int position = await("a search hit for Marguerite Vandersloot despite the typo", d -> {
            List<WebElement> hits = d.findElements(By.cssSelector("#search-results a.hit"));
            for (int i = 0; i < hits.size(); i++) {
                if (href.equals(hits.get(i).getDomAttribute("href")) && hits.get(i).getText().contains("Vandersloot")) {
                    return i;
                }
            }
            return null;
        });
        for (int i = 0; i <= position; i++) {
            new Actions(driver).sendKeys(Keys.ARROW_DOWN).perform();
        }
        assertThat(driver.switchTo().activeElement().getText()).contains("Vandersloot", accountNumber);
        new Actions(driver).sendKeys(Keys.ENTER).perform();

        await("the account page after Enter", ExpectedConditions.urlMatches("/accounts/" + accountId + "$"));
        await("the account number on the account page", ExpectedConditions.textToBe(By.cssSelector(".account-meta strong.mono"), accountNumber));
        WebElement main = driver.findElement(By.id("main"));
        assertThat(driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("Marguerite Vandersloot");
        assertThat(driver.findElement(By.cssSelector(".account-meta strong.mono")).getText()).isEqualTo(accountNumber);
        assertThat(driver.findElement(By.cssSelector("article.premise h3")).getText())
                .isEqualTo(street + ", Ione, WA 99139");
        assertThat(main.getText()).contains("RS1");

        // Log a call.
        new Select(driver.findElement(By.id("kind"))).selectByVisibleText("Call");
        new Select(driver.findElement(By.id("category"))).selectByVisibleText("Billing question");
        String note = "Asked why the March bill was higher; explained the colder weather and the rate change. " + System.nanoTime();
        driver.findElement(By.id("body")).sendKeys(note);
        driver.findElement(By.xpath("//button[normalize-space()='Log interaction']")).click();

        await("the new note first in the timeline", d -> {
            List<WebElement> items = d.findElements(By.cssSelector("ol.timeline li"));
            return !items.isEmpty() && items.get(0).getText().contains(note);
        });
        WebElement newest = driver.findElements(By.cssSelector("ol.timeline li")).get(0);
        assertThat(newest.getText()).contains("Call", "Billing question", username);
        assertThat(driver.findElement(By.id("body")).getDomProperty("value")).as("the form is cleared").isEmpty();
        assertThat(driver.getCurrentUrl()).as("logged in place, without leaving the page").endsWith("/accounts/" + accountId);

        Path screenshots = Path.of("target", "screenshots");
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("account.png"), StandardCopyOption.REPLACE_EXISTING);

        List<Map<String, Object>> rows = jdbc.sql("select kind, category, created_by from members.interaction where account_id = ? and body = ?")
                .params(accountId, note).query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("kind", "CALL").containsEntry("category", "Billing question").containsEntry("created_by", username));
    }
}
