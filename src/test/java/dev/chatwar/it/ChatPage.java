package dev.chatwar.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The chat page in a headless Chromium of its own (its own cookies), driven through Debian's chromedriver:
 * what a person does on the page, and what they see.
 */
final class ChatPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver browser;

    private ChatPage(ChromeDriver browser) {
        this.browser = browser;
    }

    /** Fails, naming the packages, when Debian's chromium or chromedriver is missing. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("BrowserIT needs a real Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " from the Debian packages chromium and chromium-driver"
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
    }

    static ChatPage open(int width, int height) {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChatPage page = new ChatPage(new ChromeDriver(service, options));
        page.browser.get(ChatWar.BASE.toString());
        return page;
    }

    private static ConditionFactory waiting() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    ChatPage register(String user) {
        waiting().until(() -> find("signin").isDisplayed());
        find("user").sendKeys(user);
        find("password").sendKeys(TestUsers.password(user));
        find("register").click();
        return awaitState("connected");
    }

    ChatPage awaitState(String state) {
        waiting().until(() -> find("state").getText(), state::equals);
        return this;
    }

    ChatPage say(String text) {
        WebElement input = find("text");
        input.sendKeys(text);
        find("send").click();
        return this;
    }

    ChatPage join(String room) {
        find("room").sendKeys(room);
        find("join").findElement(By.tagName("button")).click();
        waiting().until(() -> find("title").getText(), room::equals);
        return this;
    }

    /** Waits until a message with exactly this text is shown, and returns its list item. */
    WebElement awaitMessage(String text) {
        return waiting().until(() -> messages().stream()
                .filter(item -> item.findElement(By.className("text")).getText().equals(text))
                .findFirst().orElse(null), item -> item != null);
    }

    List<WebElement> messages() {
        return find("messages").findElements(By.tagName("li"));
    }

    List<String> texts() {
        return messages().stream().map(item -> item.findElement(By.className("text")).getText()).toList();
    }

    Object script(String javascript) {
        return browser.executeScript(javascript);
    }

    /** Cuts the browser off the network (DevTools offline emulation), or brings it back. */
    ChatPage offline(boolean offline) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        return this;
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement find(String id) {
        return browser.findElement(By.id(id));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
