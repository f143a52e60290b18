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

    /** Edits one's own message through its Edit button and the message field. */
    ChatPage edit(String text, String replacement) {
        button("Edit message: " + text).click();
        WebElement input = find("text");
        input.clear();
        input.sendKeys(replacement);
        find("send").click();
        return this;
    }

    ChatPage retract(String text) {
        button("Retract message: " + text).click();
        return this;
    }

    /** Types into the message field without sending. */
    ChatPage type(String text) {
        find("text").sendKeys(text);
        return this;
    }

    String typing() {
        return find("typing").getText();
    }

    private WebElement button(String label) {
        return waiting().until(() -> browser.findElements(By.cssSelector("button[aria-label]")).stream()
                .filter(button -> label.equals(button.getAttribute("aria-label"))).findFirst().orElse(null),
                button -> button != null);
    }

    /** Opens a room from the room list, as a click (or Enter) on its name does. */
    ChatPage show(String room) {
        roomButton(room).click();
        waiting().until(() -> find("title").getText(), room::equals);
        return this;
    }

    /** The unread count shown next to the room, 0 when none is shown. */
    int unread(String room) {
        List<WebElement> badges = roomButton(room).findElements(By.className("unread"));
        return badges.isEmpty() ? 0 : Integer.parseInt(badges.get(0).getText());
    }

    void awaitUnread(String room, int count) {
        waiting().until(() -> unread(room) == count);
    }

    /** Scrolls the message list to its top, where the page loads older history. */
    void scrollToTop() {
        browser.executeScript("const s = document.getElementById('scroller'); s.scrollTop = 0;"
                + " s.dispatchEvent(new Event('scroll'));");
    }

    String note(String id) {
        return find(id).getText();
    }

    private WebElement roomButton(String room) {
        return find("rooms").findElements(By.tagName("button")).stream()
                .filter(button -> button.getText().startsWith(room)).findFirst().orElseThrow();
    }

    /**
     * A message as shown: its text, the classes of its list item (own, pending, retracted) and the tags of
     * any elements inside its text.
     */
    record Shown(String text, String classes, List<String> markup) {
        boolean is(String className) {
            return List.of(classes.split(" ")).contains(className);
        }
    }

    /** Waits until a message with exactly this text is shown. */
    Shown awaitMessage(String text) {
        return waiting().until(() -> messages().stream().filter(message -> message.text().equals(text))
                .findFirst().orElse(null), message -> message != null);
    }

    // read in one script: the page redraws the list as frames arrive, so elements found earlier go stale
    @SuppressWarnings("unchecked")
    List<Shown> messages() {
        List<Map<String, Object>> items = (List<Map<String, Object>>) browser.executeScript(
                "return [...document.querySelectorAll('#messages li')].map(li => ({"
                        + " text: li.querySelector('.text').textContent, classes: li.className,"
                        + " markup: [...li.querySelector('.text').querySelectorAll('*')].map(e => e.tagName) }))");
        return items.stream().map(item -> new Shown((String) item.get("text"), (String) item.get("classes"),
                (List<String>) item.get("markup"))).toList();
    }

    List<String> texts() {
        return messages().stream().map(Shown::text).toList();
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
