package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** People chatting through the page in real (headless) Chromium browsers, against the deployed WAR. */
class BrowserIT extends DeployedWar {

    @BeforeAll
    static void chromiumIsInstalled() {
        ChatPage.requireChromium();
    }

    @Test
    void twoUsersChatAndEachSeesTheirOwnMessagesMarked() {
        try (ChatPage alice = ChatPage.open(1000, 700).register("alice-" + suffix);
             ChatPage bob = ChatPage.open(1000, 700).register("bob-" + suffix)) {
            alice.say("Hello Bob");
            WebElement received = bob.awaitMessage("Hello Bob");
            assertTrue(!received.getAttribute("class").contains("own"));
            bob.say("Hi Alice!");
            alice.awaitMessage("Hi Alice!");
            assertTrue(alice.awaitMessage("Hello Bob").getAttribute("class").contains("own"));
            alice.screenshot(Path.of("target/screenshots/chat.png"));
        }
        api.awaitConnections(0);
    }

    @Test
    void aUserOfflineForAWhileSeesWhatItMissedAndItsQueuedMessageGoesOutOnce() {
        String room = "offline-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register("carol-" + suffix).join(room);
             ChatPage bob = ChatPage.open(1000, 700).register("dave-" + suffix).join(room)) {
            bob.say("before");
            alice.awaitMessage("before");

            alice.offline(true).awaitState("offline");
            for (String text : List.of("missed 1", "missed 2", "missed 3")) {
                bob.say(text).awaitMessage(text);
            }
            alice.say("written offline");
            assertTrue(alice.awaitMessage("written offline").getAttribute("class").contains("pending"));

            alice.offline(false).awaitState("connected");
            alice.awaitMessage("missed 3");
            bob.awaitMessage("written offline");
            assertEquals(List.of("before", "missed 1", "missed 2", "missed 3", "written offline"), alice.texts());
            ChatClient.waiting().until(() -> bob.texts().size() == 5);
            assertEquals(1, Collections.frequency(bob.texts(), "written offline"), "delivered once");
        }
        api.awaitConnections(0);
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String payload = "<img src=x onerror=\"window.pwned=1\"><b>bold</b><script>window.pwned=2</script>";
        try (ChatPage alice = ChatPage.open(1000, 700).register("erin-" + suffix);
             ChatPage bob = ChatPage.open(1000, 700).register("frank-" + suffix)) {
            alice.say(payload);
            WebElement shown = bob.awaitMessage(payload);
            assertEquals(List.of(), shown.findElements(By.cssSelector("img, b, script")));
            assertNull(bob.script("return window.pwned"));
            assertNull(alice.script("return window.pwned"));
        }
        api.awaitConnections(0);
    }
}
