package dev.chatwar.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.Emoji;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.MessageText;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.HistoryQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestParserTest {

    private final RequestParser parser = new RequestParser();

    @Test
    void readsEachRequestType() {
        assertEquals(new Request.Join(new RoomName("r1"), null, false, false, "1"), parser.parse("{\"type\":\"join\",\"room\":\"r1\",\"ref\":\"1\"}"));
        assertEquals(new Request.Join(new RoomName("r1"), 7L, true, false, null),
                parser.parse("{\"type\":\"join\",\"room\":\"r1\",\"after\":7,\"receipts\":true}"));
        assertEquals(new Request.Join(new RoomName("r1"), null, false, true, null),
                parser.parse("{\"type\":\"join\",\"room\":\"r1\",\"private\":true}"));
        assertEquals(new Request.Invite(new RoomName("r1"), new UserName("bob"), "2"),
                parser.parse("{\"type\":\"invite\",\"room\":\"r1\",\"user\":\"bob\",\"ref\":\"2\"}"));
        assertEquals(new Request.Read(new RoomName("r1"), 3, null), parser.parse("{\"type\":\"read\",\"room\":\"r1\",\"seq\":3}"));
        assertEquals(new Request.Leave(new RoomName("r1"), false, null), parser.parse("{\"type\":\"leave\",\"room\":\"r1\"}"));
        assertEquals(new Request.Leave(new RoomName("r1"), true, null),
                parser.parse("{\"type\":\"leave\",\"room\":\"r1\",\"keepMembership\":true}"));
        assertEquals(new Request.Conversations(Request.Conversations.DEFAULT_LIMIT, "c"),
                parser.parse("{\"type\":\"conversations\",\"ref\":\"c\"}"));
        assertEquals(new Request.Conversations(200, null), parser.parse("{\"type\":\"conversations\",\"limit\":200}"));
        assertEquals("invalid_field", assertThrows(ChatException.class,
                () -> parser.parse("{\"type\":\"conversations\",\"limit\":201}")).code().wireName());
        assertEquals("c-9", ((Request.Send) parser.parse(
                "{\"type\":\"send\",\"room\":\"r1\",\"text\":\"t\",\"clientId\":\"c-9\"}")).clientId());
        Request.Send send = (Request.Send) parser.parse("{\"type\":\"send\",\"room\":\"r1\",\"text\":\"<b>hi</b>\",\"ref\":\"x\"}");
        assertEquals("<b>hi</b>", send.text().value());
        assertEquals(new Request.Edit(42, new MessageText("new"), null),
                parser.parse("{\"type\":\"edit\",\"id\":42,\"text\":\"new\"}"));
        assertEquals(new Request.Retract(42, "r"), parser.parse("{\"type\":\"retract\",\"id\":42,\"ref\":\"r\"}"));
        assertEquals(new Request.History(new RoomName("r1"), new HistoryQuery(null, 9L, 20), null, null),
                parser.parse("{\"type\":\"history\",\"room\":\"r1\",\"after\":9,\"limit\":20}"));
        assertEquals(new Request.History(new RoomName("r1"), HistoryQuery.newest(HistoryQuery.DEFAULT_LIMIT), null, null),
                parser.parse("{\"type\":\"history\",\"room\":\"r1\"}"));
        assertEquals(new Request.History(new RoomName("r1"), HistoryQuery.newest(5), 42L, null),
                parser.parse("{\"type\":\"history\",\"room\":\"r1\",\"thread\":42,\"limit\":5}"));
        assertEquals(42L, ((Request.Send) parser.parse(
                "{\"type\":\"send\",\"room\":\"r1\",\"text\":\"yes\",\"replyTo\":42}")).replyTo());
        assertEquals(new Request.React(42, new Emoji("👍🏽"), true, "r"),
                parser.parse("{\"type\":\"react\",\"id\":42,\"emoji\":\"👍🏽\",\"ref\":\"r\"}"));
        assertEquals(new Request.React(42, new Emoji("👩‍💻"), false, null),
                parser.parse("{\"type\":\"unreact\",\"id\":42,\"emoji\":\"👩‍💻\"}"));
    }

    @Test
    void aReactionIsOneEmojiNeverText() {
        for (String emoji : List.of("🏳️‍🌈", "1️⃣", "❤️", "🇫🇷", "🏴󠁧󠁢󠁳󠁣󠁴󠁿")) {
            assertEquals(emoji, new Emoji(emoji).value());
        }
        for (String notOne : List.of("", "a", "👍 ", " 👍", "👍a", "<script>", "1", "\u202e👍", "👍".repeat(17))) {
            var refused = assertThrows(ChatException.class, () -> parser.parse(
                    "{\"type\":\"react\",\"id\":1,\"emoji\":\"" + notOne + "\"}"), notOne);
            assertEquals(ErrorCode.INVALID_FIELD, refused.code(), notOne);
        }
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChatException.class, () -> parser.parse(
                "{\"type\":\"send\",\"room\":\"r\",\"text\":\"x\",\"replyTo\":0}")).code());
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(ChatException.class, () -> parser.parse(
                "{\"type\":\"react\",\"id\":1}")).code());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json                                        | malformed_json | ",
            "[1,2]                                           | malformed_json | ",
            "{\"type\":\"join\",\"room\":\"a\"} trailing     | malformed_json | ",
            "{\"ref\":\"7\"}                                 | missing_field  | 7",
            "{\"type\":\"shout\",\"ref\":\"7\"}              | unknown_type   | 7",
            "{\"type\":7,\"ref\":\"7\"}                      | invalid_field  | 7",
            "{\"type\":\"join\",\"ref\":\"7\"}               | missing_field  | 7",
            "{\"type\":\"join\",\"room\":\"a b\",\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"send\",\"room\":\"a\",\"ref\":\"7\"} | missing_field | 7",
            "{\"type\":\"send\",\"room\":\"a\",\"text\":\"  \",\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"retract\",\"id\":\"12\",\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"retract\",\"id\":1.5,\"ref\":\"7\"}  | invalid_field  | 7",
            "{\"type\":\"retract\",\"id\":-3,\"ref\":\"7\"}   | invalid_field  | 7",
            "{\"type\":\"retract\",\"id\":1e999999999,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"retract\",\"id\":123456789012345678901234567890123,\"ref\":\"7\"} | malformed_json | ",
            "{\"type\":\"join\",\"room\":\"a\",\"ref\":5}     | invalid_field  | ",
            "{\"type\":\"history\",\"room\":\"a\",\"before\":5,\"after\":2,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"clientId\":7,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"send\",\"room\":\"a\",\"text\":\"t\",\"clientId\":\"\",\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"edit\",\"id\":4,\"ref\":\"7\"} | missing_field | 7",
            "{\"type\":\"edit\",\"text\":\"t\",\"ref\":\"7\"} | missing_field | 7",
            "{\"type\":\"read\",\"room\":\"a\",\"ref\":\"7\"} | missing_field | 7",
            "{\"type\":\"read\",\"room\":\"a\",\"seq\":-1,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"join\",\"room\":\"a\",\"receipts\":\"yes\",\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"history\",\"room\":\"a\",\"limit\":201,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"history\",\"room\":\"a\",\"limit\":0,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"history\",\"room\":\"a\",\"before\":0,\"ref\":\"7\"} | invalid_field | 7",
            "{\"type\":\"history\",\"room\":\"a\",\"after\":\"3\",\"ref\":\"7\"} | invalid_field | 7",
    })
    void refusesBadFramesWithAStableCodeAndTheirRef(String frame, String code, String ref) {
        ChatException refused = assertThrows(ChatException.class, () -> parser.parse(frame.strip()));
        assertEquals(code, refused.code().wireName());
        assertEquals(ref, refused.ref());
    }

    @Test
    void refusesDeepNestingAndLongNumbersBeforeParsingWhateverTheyHide() {
        String deep = "{\"type\":\"join\",\"room\":\"a\",\"x\":" + "[".repeat(1001) + "]".repeat(1001) + "}";
        assertEquals(ErrorCode.MALFORMED_JSON, assertThrows(ChatException.class, () -> parser.parse(deep)).code());
        String digits = "{\"type\":\"read\",\"room\":\"a\",\"seq\":" + "9".repeat(1200) + "}";
        assertEquals(ErrorCode.MALFORMED_JSON, assertThrows(ChatException.class, () -> parser.parse(digits)).code());
        String nested = "{\"type\":\"join\",\"room\":\"a\",\"x\":" + "[".repeat(15) + "]".repeat(15) + "}";
        assertEquals(new RoomName("a"), ((Request.Join) parser.parse(nested)).room(), "what a request may hold");
        String quoted = "{\"type\":\"send\",\"room\":\"a\",\"text\":\"" + "[{".repeat(100) + "\\\"" + "9".repeat(99)
                + "\"}";
        assertEquals(300, ((Request.Send) parser.parse(quoted)).text().value().length(), "text is not JSON structure");
        assertThrows(ChatException.class, () -> RequestParser.body("[".repeat(5000)));
    }

    @Test
    void refusesTextLongerThanTheLimit() {
        String text = "x".repeat(4001);
        ChatException refused = assertThrows(ChatException.class,
                () -> parser.parse("{\"type\":\"send\",\"room\":\"a\",\"text\":\"" + text + "\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, refused.code());
    }
}
