package dev.chatwar.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** People chatting through the page in a real (headless) Chromium, each in a context of their own, against the deployed WAR. */
class BrowserIT extends DeployedWar {

    @BeforeAll
    static void theBrowserIsThere() {
        TestBrowser.require();
    }

    @AfterAll
    static void closeTheBrowser() {
        TestBrowser.close();
    }

    @Test
    void twoUsersChatAndEachSeesTheirOwnMessagesMarked() {
        // each test in a room of its own: the lobby keeps what earlier runs said on a persistent database
        String room = "hello-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register("alice-" + suffix).join(room);
             ChatPage bob = ChatPage.open(1000, 700).register("bob-" + suffix).join(room)) {
            alice.say("Hello Bob");
            assertFalse(bob.awaitMessage("Hello Bob").is("own"));
            bob.say("Hi Alice!");
            alice.awaitMessage("Hi Alice!");
            assertTrue(alice.awaitMessage("Hello Bob").is("own"));
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
            assertTrue(alice.awaitMessage("written offline").is("pending"));

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
    void scrollingUpLoadsOlderHistoryAndRoomsCountWhatIsUnread() {
        String room = "long-" + suffix;
        String poster = "poster-" + suffix;
        for (int i = 1; i <= 120; i++) {
            assertEquals(201, api.post(room, poster, "{\"text\":\"m" + i + "\"}").statusCode());
        }
        try (ChatPage reader = ChatPage.open(1000, 700).register("gina-" + suffix).join(room)) {
            reader.awaitMessage("m120");
            assertEquals(50, reader.texts().size(), "the newest page first");
            while (!reader.note("older").equals("The beginning of the room.")) {
                int shown = reader.texts().size();
                reader.scrollToTop();
                ChatClient.waiting().until(() -> reader.texts().size() > shown
                        || reader.note("older").equals("The beginning of the room."));
            }
            assertEquals(IntStream.rangeClosed(1, 120).mapToObj(i -> "m" + i).toList(), reader.texts());
            api.post(room, poster, "{\"text\":\"while reading old ones\"}");
            reader.awaitMessage("while reading old ones");
            ChatClient.waiting().until(reader::jumpShown);
            reader.jumpDown();
            ChatClient.waiting().until(() -> !reader.jumpShown());

            reader.show("lobby");
            api.post(room, poster, "{\"text\":\"while away 1\"}");
            api.post(room, poster, "{\"text\":\"while away 2\"}");
            reader.awaitUnread(room, 2);
            reader.show(room).awaitMessage("while away 2");
            assertEquals(0, reader.unread(room));
        }
        api.awaitConnections(0);
    }

    @Test
    void theConversationListSurvivesAReloadAndADirectMessageArrivesByItselfWithItsMention() {
        String alice = "kate-" + suffix;
        String bob = "liam-" + suffix;
        String team = "team-" + suffix;
        String gone = "gone-" + suffix;
        try (ChatPage alicePage = ChatPage.open(1000, 700).register(alice).join(gone).join(team);
             ChatPage bobPage = ChatPage.open(1000, 700).register(bob)) {
            alicePage.say("first in " + team).awaitMessage("first in " + team);
            alicePage.show(gone).leaveRoom();
            assertEquals("Nobody is called nobody-" + suffix + ".", bobPage.directMessage("nobody-" + suffix));
            assertEquals("", bobPage.directMessage(alice));
            bobPage.say("lunch, @" + alice + "?");

            String dm = "@" + bob;
            alicePage.awaitUnread(dm, 1);
            alicePage.awaitMentions(dm, 1);
            assertTrue(alicePage.pageTitle().startsWith("(1) "), alicePage.pageTitle());
            assertEquals(List.of(dm, team, "lobby"), alicePage.roomList(), "newest first; the room left is gone");

            alicePage.screenshot(Path.of("target/screenshots/conversations-unread.png"));
            alicePage.reload();
            ChatClient.waiting().until(() -> alicePage.roomList().equals(List.of(dm, team, "lobby")));
            alicePage.awaitUnread(dm, 1);
            assertTrue(alicePage.show(dm).awaitMessage("lunch, @" + alice + "?").is("mention"));
            assertEquals(Boolean.TRUE, alicePage.evaluate("document.querySelector('#messages li.unread-line') !== null"),
                    "the line marks where the unread messages start");
            assertEquals(0, alicePage.unread(dm));
            alicePage.screenshot(Path.of("target/screenshots/conversations.png"));
        }
        api.awaitConnections(0);
    }

    @Test
    void aDirectMessageOrAMentionWhileTheTabIsHiddenShowsADesktopNotificationOnceTheUserAskedForThem() {
        String alice = "mia-" + suffix;
        String bob = "noah-" + suffix;
        String room = "notified-" + suffix;
        try (ChatPage alicePage = ChatPage.openRecordingNotifications(1000, 700).register(alice).join(room)) {
            api.post(room, bob, "{\"text\":\"@" + alice + " before you asked\"}");
            alicePage.tabHidden(true);
            api.post(room, bob, "{\"text\":\"@" + alice + " still not asked\"}");
            alicePage.awaitMessage("@" + alice + " still not asked");
            assertEquals(List.of(), alicePage.notificationsShown(), "off until the user turns them on");

            alicePage.tabHidden(false).enableNotifications().tabHidden(true);
            api.post(room, bob, "{\"text\":\"no mention, no notification\"}");
            api.post(room, bob, "{\"text\":\"@" + alice + " now you hear it\"}");
            api.post("dm:" + alice + ":" + bob, bob, "{\"text\":\"and a direct one\"}");
            ChatClient.waiting().until(() -> alicePage.notificationsShown().size() >= 2);
            assertEquals(Set.of(bob + " in " + room + ": @" + alice + " now you hear it", bob + ": and a direct one"),
                    Set.copyOf(alicePage.notificationsShown()), "a mention and a DM, nothing else, each once");
            assertEquals(2, alicePage.notificationsShown().size());
        }
        api.awaitConnections(0);
    }

    @Test
    void writingTakesSeveralLinesASafeMarkdownSubsetAndLinksAndNeverCutsAText() {
        String room = "writing-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register("olga-" + suffix).join(room)) {
            alice.type("first line").press("Shift+Enter").type("second line").press("Enter");
            assertEquals(List.of("BR"), alice.awaitMessage("first linesecond line").markup(), "one message, two lines");

            alice.say("**bold**, `code` and https://example.com/a?b=1, but not javascript:alert(1)");
            ChatPage.Shown shown = alice.awaitMessage("bold, code and https://example.com/a?b=1, but not javascript:alert(1)");
            assertEquals(List.of("STRONG", "CODE", "A"), shown.markup());
            assertEquals("https://example.com/a?b=1 noopener noreferrer", alice.evaluate(
                    "(() => { const a = document.querySelector('#messages li.message:last-child .text a');"
                            + " return a.href + ' ' + a.rel; })()"));

            String rhea = "rhea-" + suffix;
            api.post(room, rhea, "{\"text\":\"hello\"}");
            alice.awaitMessage("hello");
            alice.type("thanks @rh").press("Tab");
            assertEquals("thanks @" + rhea + " ", alice.draft(), "@ offers the names of the room's people");
            alice.press("Enter");
            assertTrue(alice.awaitMessage("thanks @" + rhea + " ").is("own"), "sent as it stood");

            String tooLong = "x".repeat(4001);
            alice.say(tooLong);
            assertEquals("1 character over the limit", alice.note("count"));
            assertTrue(alice.note("compose-problem").startsWith("A message holds at most 4000 characters"));
            assertEquals(tooLong, alice.draft(), "the text is kept whole, for the writer to shorten");
        }
        api.awaitConnections(0);
    }

    @Test
    void thePageHasNoSeriousAccessibilityProblemsSignedOutOrSignedInInLightOrDarkMode() {
        String alice = "pia-" + suffix;
        String bob = "quinn-" + suffix;
        String room = "access-" + suffix;
        try (ChatPage page = ChatPage.open(1000, 700)) {
            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                assertEquals(List.of(), page.colorScheme(scheme).seriousAccessibilityViolations(), "signed out, " + scheme);
            }
            page.register(alice).join(room).say("**mine**, see https://example.com");
            api.post(room, bob, "{\"text\":\"@" + alice + " `look`\"}");
            api.post("dm:" + alice + ":" + bob, bob, "{\"text\":\"hello\"}");
            page.awaitMessage("@" + alice + " look");
            page.awaitUnread("@" + bob, 1);
            for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
                assertEquals(List.of(), page.colorScheme(scheme).seriousAccessibilityViolations(), "signed in, " + scheme);
                page.screenshot(Path.of("target/screenshots/page-" + scheme.name().toLowerCase(Locale.ROOT) + ".png"));
            }
        }
        api.awaitConnections(0);
    }

    @Test
    void editsRetractionsAndTypingShowOnTheOtherSide() {
        String room = "edits-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register("ivy-" + suffix).join(room);
             ChatPage bob = ChatPage.open(1000, 700).register("jack-" + suffix).join(room)) {
            alice.say("teh typo");
            bob.awaitMessage("teh typo");
            alice.edit("teh typo", "the typo");
            ChatClient.waiting().until(() -> bob.texts().equals(List.of("the typo")));
            alice.retract("the typo");
            assertTrue(bob.awaitMessage("message retracted").is("retracted"));

            bob.type("thinking");
            ChatClient.waiting().until(() -> alice.typing().equals("jack-" + suffix + " is typing…"));
        }
        api.awaitConnections(0);
    }

    @Test
    void aReplyQuotesItsMessageItsThreadOpensBesideTheRoomAndReactionsCountOnBothSides() {
        String room = "lunch-" + suffix;
        String tara = "tara-" + suffix;
        try (ChatPage alice = ChatPage.open(1300, 800).register(tara).join(room);
             ChatPage bob = ChatPage.open(1300, 800).register("uri-" + suffix).join(room)) {
            PageThreads aliceThreads = new PageThreads(alice);
            PageThreads bobThreads = new PageThreads(bob);
            alice.say("Lunch at noon?");
            bob.awaitMessage("Lunch at noon?");
            bobThreads.reply("Lunch at noon?", "Count me in");
            alice.awaitMessage("Count me in");
            assertEquals("↪ " + tara + " Lunch at noon?", aliceThreads.quote("Count me in"));
            ChatClient.waiting().until(() -> aliceThreads.summary("Lunch at noon?"), s -> s.startsWith("1 reply · last at"));

            bobThreads.react("Lunch at noon?", "👍");
            ChatClient.waiting().until(() -> aliceThreads.reactions("Lunch at noon?"), List.of("👍 1")::equals);
            aliceThreads.toggle("Lunch at noon?", "👍");
            ChatClient.waiting().until(() -> aliceThreads.reactions("Lunch at noon?"), List.of("👍 2*")::equals);
            ChatClient.waiting().until(() -> bobThreads.reactions("Lunch at noon?"), List.of("👍 2*")::equals);
            bobThreads.react("Count me in", "🎉");
            ChatClient.waiting().until(() -> aliceThreads.reactions("Count me in"), List.of("🎉 1")::equals);

            aliceThreads.open("Lunch at noon?");
            ChatClient.waiting().until(aliceThreads::threadTexts, List.of("Lunch at noon?", "Count me in")::equals);
            aliceThreads.replyInThread("12:15 works better for me");
            ChatClient.waiting().until(aliceThreads::threadTexts,
                    List.of("Lunch at noon?", "Count me in", "12:15 works better for me")::equals);
            bob.awaitMessage("12:15 works better for me");
            assertEquals("↪ " + tara + " Lunch at noon?", bobThreads.quote("12:15 works better for me"));
            ChatClient.waiting().until(() -> bobThreads.summary("Lunch at noon?"), s -> s.startsWith("2 replies"));
            alice.screenshot(Path.of("target/screenshots/thread.png"));
            bob.screenshot(Path.of("target/screenshots/reactions.png"));
        }
        api.awaitConnections(0);
    }

    @Test
    void aSearchMarksWhereEachMessageMatchesAndOpensItsRoomAtThatMessage() {
        String room = "reports-" + suffix;
        try (ChatPage alice = ChatPage.open(1300, 800).register("vera-" + suffix).join(room)) {
            PageThreads search = new PageThreads(alice);
            alice.say("The quarterly report is due on Friday");
            alice.say("Lunch, anyone?");
            alice.say("Report draft attached, comments welcome");
            alice.awaitMessage("Report draft attached, comments welcome");
            assertEquals(List.of("Report draft attached, comments welcome", "The quarterly report is due on Friday"),
                    search.searchUntil("report", 2), "newest first");
            assertEquals(List.of("Report", "report"), search.marked());
            alice.screenshot(Path.of("target/screenshots/search.png"));
            assertEquals("The quarterly report is due on Friday", search.openResult(1));
        }
        api.awaitConnections(0);
    }

    @Test
    void anImageShowsItsPreviewOnTheOtherSideAndAnyOtherFileItsNameAndSize() throws Exception {
        String room = "photos-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 760).register("wes-" + suffix).join(room);
             ChatPage bob = ChatPage.open(1000, 760).register("xia-" + suffix).join(room)) {
            PageThreads sender = new PageThreads(alice);
            PageThreads receiver = new PageThreads(bob);
            alice.type("the view from the office");
            sender.attach("view.png", "image/png", picture());
            bob.awaitMessage("the view from the office");
            ChatClient.waiting().until(() -> receiver.imageWidth("the view from the office"), width -> width == 320);
            sender.attach("notes.txt", "text/plain", "milk, eggs".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            bob.awaitMessage("notes.txt");
            assertEquals("📄 notes.txt 10 B", receiver.fileShown("notes.txt"));
            bob.screenshot(Path.of("target/screenshots/image-message.png"));
        }
        api.awaitConnections(0);
    }

    // a picture worth looking at in the screenshot: sky, sea and a sun
    private static byte[] picture() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(320, 180, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0x87ceeb), 0, 110, new java.awt.Color(0xfde2b3)));
        g.fillRect(0, 0, 320, 110);
        g.setColor(new java.awt.Color(0x1f5fc4));
        g.fillRect(0, 110, 320, 70);
        g.setColor(new java.awt.Color(0xf5a623));
        g.fillOval(220, 50, 50, 50);
        g.dispose();
        var bytes = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    @Test
    void aModeratorsCommandShowsInEveryTimelineAndTheTargetIsToldWhyItCannotWriteOrWasRemoved() {
        String room = "mods-" + suffix;
        String owner = "rosa-" + suffix;
        String member = "sam-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register(owner).join(room);
             ChatPage bob = ChatPage.open(1000, 700).register(member).join(room)) {
            alice.say("/mute @" + member + " 10m flooding");
            String muted = owner + " muted " + member + " for 10 minutes: flooding";
            ChatClient.waiting().until(() -> bob.moderationLines().equals(List.of(muted))
                    && alice.moderationLines().equals(List.of(muted)));
            ChatClient.waiting().until(() -> bob.note("problem"), ("In " + room + ": " + muted)::equals);
            assertEquals("", alice.draft(), "the command was taken, not sent as a message");

            bob.say("let me speak");
            ChatClient.waiting().until(() -> bob.note("problem"), note -> note.startsWith("muted in room '" + room));
            assertTrue(alice.texts().isEmpty(), "nothing of the muted user's reached the room");

            alice.say("/kick @" + member + " off topic");
            ChatClient.waiting().until(() -> bob.note("problem"),
                    ("You were removed from " + room + " by a moderator.")::equals);
            ChatClient.waiting().until(() -> !bob.roomList().contains(room));
        }
        api.awaitConnections(0);
    }

    @Test
    void aDisplayNameShowsWithItsSignInNameBesideIt() {
        String room = "names-" + suffix;
        String alice = "tara-" + suffix;
        try (ChatPage mine = ChatPage.open(1000, 700).register(alice)) {
            assertEquals("You are shown as Tara Liddell.", mine.setDisplayName("Tara Liddell"));
            mine.join(room).say("hello, I have a name");
            try (ChatPage bob = ChatPage.open(1000, 700).register("uma-" + suffix).join(room)) {
                bob.awaitMessage("hello, I have a name");
                ChatClient.waiting().until(bob::authors, List.of("Tara Liddell @" + alice)::equals);
            }
        }
        api.awaitConnections(0);
    }

    @Test
    void onAPhoneScreenThePageStillWorks() {
        try (ChatPage phone = ChatPage.open(390, 844).register("hal-" + suffix).join("phone-" + suffix)) {
            phone.say("from a phone");
            phone.awaitMessage("from a phone");
            phone.screenshot(Path.of("target/screenshots/chat-phone.png"));
        }
        api.awaitConnections(0);
    }

    @Test
    void markupInAMessageIsShownAsTextAndNeverRuns() {
        String payload = "<img src=x onerror=\"window.pwned=1\"><b>bold</b><script>window.pwned=2</script>";
        String room = "markup-" + suffix;
        try (ChatPage alice = ChatPage.open(1000, 700).register("erin-" + suffix).join(room);
             ChatPage bob = ChatPage.open(1000, 700).register("frank-" + suffix).join(room)) {
            alice.say(payload);
            assertEquals(List.of(), bob.awaitMessage(payload).markup(), "no element was made of the text");
            assertNull(bob.evaluate("window.pwned"));
            assertNull(alice.evaluate("window.pwned"));
        }
        api.awaitConnections(0);
    }

    @Test
    void aNewPasswordSignsTheOtherDeviceOutWithTheReasonAndKeepsThisOne() {
        String user = "mira-" + suffix;
        String next = "a new password " + suffix;
        IssuedSecrets.add(next);
        try (ChatPage laptop = ChatPage.open(1000, 700).register(user);
             ChatPage phone = ChatPage.open(400, 800).signIn(user, TestUsers.password(user))) {
            assertEquals("The current password is not right.", laptop.changePassword("a guess at it", next));
            assertEquals("connected", phone.note("state"), "a refused change signs nobody out");

            assertEquals("Password changed. Your other devices are signed out.",
                    laptop.changePassword(TestUsers.password(user), next));
            assertEquals("You were signed out: the password was changed on another device.", phone.awaitSignedOut());
            assertEquals("connected", laptop.note("state"));
            phone.signIn(user, next);
        }
    }
}
