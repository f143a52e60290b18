package dev.chatwar.it;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The chat page in a browser context of its own (its own cookies) of the test browser: what a person does on
 * the page, and what they see.
 */
final class ChatPage implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BrowserContext context;
    private final Page page;

    private ChatPage(BrowserContext context) {
        this.context = context;
        this.page = context.newPage();
    }

    static ChatPage open(int width, int height) {
        ChatPage opened = new ChatPage(TestBrowser.newContext(width, height));
        opened.context.setDefaultTimeout(TIMEOUT.toMillis());
        opened.page.navigate(ChatWar.BASE.toString());
        return opened;
    }

    /**
     * A page whose desktop notifications are allowed and recorded (window.shown, as title and body) by a stand-in
     * for the browser's Notification, and whose tab can be made to look hidden, as when the user looks at another tab.
     */
    static ChatPage openRecordingNotifications(int width, int height) {
        BrowserContext context = TestBrowser.newContext(width, height);
        context.addInitScript("window.shown = []; window.tabHidden = false;"
                + " Object.defineProperty(Document.prototype, 'hidden', { get: () => window.tabHidden });"
                + " window.Notification = class extends EventTarget { static permission = 'granted';"
                + " static requestPermission() { return Promise.resolve('granted'); }"
                + " constructor(title, options) { super(); window.shown.push(title + ': ' + options.body); } close() {} };");
        ChatPage opened = new ChatPage(context);
        opened.context.setDefaultTimeout(TIMEOUT.toMillis());
        opened.page.navigate(ChatWar.BASE.toString());
        return opened;
    }

    /** Turns desktop notifications on, as a click on the setting does. */
    ChatPage enableNotifications() {
        find("notify").check();
        return this;
    }

    /** Makes the tab look hidden (or visible again) to the page. */
    ChatPage tabHidden(boolean hidden) {
        page.evaluate("hidden => { window.tabHidden = hidden; }", hidden);
        return this;
    }

    @SuppressWarnings("unchecked")
    List<String> notificationsShown() {
        return (List<String>) page.evaluate("() => window.shown");
    }

    /** Whether the button that jumps down to new messages is shown. */
    boolean jumpShown() {
        return find("jump").isVisible();
    }

    void jumpDown() {
        find("jump").click();
    }

    private static ConditionFactory waiting() {
        return Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }

    ChatPage register(String user) {
        find("signin").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        find("user").fill(user);
        find("password").fill(TestUsers.password(user));
        find("register").click();
        return awaitState("connected");
    }

    /** Signs in with the form, as someone who has an account. */
    ChatPage signIn(String user, String password) {
        find("signin").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        find("user").fill(user);
        find("password").fill(password);
        find("login").click();
        return awaitState("connected");
    }

    /** Changes the password in the account dialog and waits for the page's answer, which it returns. */
    String changePassword(String current, String next) {
        if (!find("account").isVisible()) {
            find("account-open").click();
        }
        find("change-problem").evaluate("note => { note.textContent = ''; }"); // so that the next answer is awaited
        find("current-password").fill(current);
        find("new-password").fill(next);
        find("change").click();
        waiting().until(() -> !note("change-problem").isEmpty());
        return note("change-problem");
    }

    /** Waits until the page shows the sign-in form again, and returns what it says about it. */
    String awaitSignedOut() {
        find("signin").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        return note("problem");
    }

    ChatPage awaitState(String state) {
        waiting().until(() -> find("state").innerText(), state::equals);
        return this;
    }

    ChatPage say(String text) {
        find("text").fill(text);
        find("send").click();
        return this;
    }

    ChatPage join(String room) {
        find("room").fill(room);
        page.locator("#join button").click();
        waiting().until(() -> find("title").innerText(), room::equals);
        return this;
    }

    /** Edits one's own message through its Edit button and the message field. */
    ChatPage edit(String text, String replacement) {
        button("Edit message: " + text).click();
        find("text").fill(replacement);
        find("send").click();
        return this;
    }

    /** Retracts one's own message through its Retract button, and says yes when the page asks to confirm. */
    ChatPage retract(String text) {
        page.onceDialog(Dialog::accept);
        button("Retract message: " + text).click();
        return this;
    }

    /** Types into the message field key by key, without sending. */
    ChatPage type(String text) {
        find("text").pressSequentially(text);
        return this;
    }

    String typing() {
        return find("typing").innerText();
    }

    private Locator button(String label) {
        return page.locator("button[aria-label=\"" + label.replace("\"", "\\\"") + "\"]");
    }

    /** Opens a room from the room list, as a click (or Enter) on its name does. */
    ChatPage show(String room) {
        roomButton(room).click();
        waiting().until(() -> find("title").innerText(), room::equals);
        return this;
    }

    /** The unread count shown next to the room, 0 when none is shown. */
    int unread(String room) {
        Locator badges = roomButton(room).locator(".unread [aria-hidden]");
        return badges.count() == 0 ? 0 : Integer.parseInt(badges.first().innerText().strip());
    }

    void awaitUnread(String room, int count) {
        waiting().until(() -> unread(room) == count);
    }

    /** The mention count shown next to the room, 0 when none is shown. */
    int mentions(String room) {
        Locator badges = roomButton(room).locator(".mentions [aria-hidden]");
        return badges.count() == 0 ? 0 : Integer.parseInt(badges.first().innerText().strip().substring(1));
    }

    void awaitMentions(String room, int count) {
        waiting().until(() -> mentions(room) == count);
    }

    /** The names in the room list, top to bottom, as shown (a direct-message room as @user). */
    @SuppressWarnings("unchecked")
    List<String> roomList() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#rooms button')]"
                + ".map(b => b.firstChild.textContent)");
    }

    /** Opens a direct conversation through the page's form; the answer when it fails, shown next to the field. */
    String directMessage(String user) {
        find("peer").fill(user);
        page.locator("#direct button").click();
        waiting().until(() -> find("title").innerText().equals("@" + user) || !note("peer-problem").isEmpty());
        return note("peer-problem");
    }

    /** Leaves the room shown, through its Leave button. */
    ChatPage leaveRoom() {
        find("leave").click();
        waiting().until(() -> find("title").innerText(), "lobby"::equals);
        return this;
    }

    /** Loads the page again, as a reload does; the cookie signs the user in again. */
    ChatPage reload() {
        page.reload();
        return awaitState("connected");
    }

    String pageTitle() {
        return page.title();
    }

    /** Presses a key in the message field, as a person typing does. */
    ChatPage press(String key) {
        find("text").press(key);
        return this;
    }

    String draft() {
        return find("text").inputValue();
    }

    /** Shows the page as with the system's light or dark color scheme. */
    ChatPage colorScheme(ColorScheme scheme) {
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        return this;
    }

    /**
     * What axe-core (from the build's src/test/browser) finds of critical or serious impact on the page as it
     * is now: one line per rule, with up to five of the elements it concerns.
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        try {
            page.evaluate(Files.readString(Path.of(System.getProperty("chat.it.axe"))));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run the tests with mvn verify", e);
        }
        return (List<String>) page.evaluate("async () => (await axe.run(document, { resultTypes: ['violations'] }))"
                + ".violations.filter(v => v.impact === 'critical' || v.impact === 'serious')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', '))");
    }

    /** Scrolls the message list to its top, where the page loads older history. */
    void scrollToTop() {
        page.evaluate("() => { const s = document.getElementById('scroller'); s.scrollTop = 0;"
                + " s.dispatchEvent(new Event('scroll')); }");
    }

    String note(String id) {
        return find(id).innerText();
    }

    private Locator roomButton(String room) {
        Locator buttons = find("rooms").locator("button");
        for (int i = 0; i < buttons.count(); i++) {
            if (buttons.nth(i).innerText().startsWith(room)) {
                return buttons.nth(i);
            }
        }
        throw new NoSuchElementException("no room " + room + " in the list");
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
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.evaluate(
                "() => [...document.querySelectorAll('#messages li.message')].map(li => ({"
                        + " text: li.querySelector('.text').textContent, classes: li.className,"
                        + " markup: [...li.querySelector('.text').querySelectorAll('*')].map(e => e.tagName) }))");
        return items.stream().map(item -> new Shown((String) item.get("text"), (String) item.get("classes"),
                (List<String>) item.get("markup"))).toList();
    }

    /** Sets the display name in the Account dialog; returns what the dialog answered. */
    String setDisplayName(String name) {
        find("account-open").click();
        find("display-name").fill(name);
        find("save-profile").click();
        String answer = waiting().until(() -> find("profile-problem").innerText(), text -> !text.isEmpty());
        find("account-done").click();
        return answer;
    }

    /** Each message's author as its head shows it: the display name and the sign-in name, or the sign-in name. */
    @SuppressWarnings("unchecked")
    List<String> authors() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#messages li.message .head')]"
                + ".map(head => [...head.querySelectorAll('strong, .handle')].map(e => e.textContent).join(' '))");
    }

    /** The moderators' acts as the timeline shows them, in order. */
    @SuppressWarnings("unchecked")
    List<String> moderationLines() {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('#messages li.moderation')]"
                + ".map(li => li.textContent)");
    }

    List<String> texts() {
        return messages().stream().map(Shown::text).toList();
    }

    /** The value of a JavaScript expression evaluated in the page. */
    Object evaluate(String expression) {
        return page.evaluate(expression);
    }

    /** Cuts the browser off the network, as a lost connection does, or brings it back. */
    ChatPage offline(boolean offline) {
        context.setOffline(offline);
        return this;
    }

    /** The page itself, for helpers of one feature ({@link PageThreads}). */
    Page page() {
        return page;
    }

    void screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
    }

    private Locator find(String id) {
        return page.locator("#" + id);
    }

    @Override
    public void close() {
        context.close();
    }
}
