package dev.chatwar.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SparseConfirmationsTest {

    private final List<String> wire = new ArrayList<>();
    private final List<SendHandler> awaitingConfirmation = new ArrayList<>();
    private IOException writerFailure;
    private final SparseConfirmations sends = new SparseConfirmations(session());

    @Test
    void fifteenFramesOfSixteenGoThroughTheWriterAndTheSixteenthWaitsForItsConfirmation() {
        for (int i = 1; i <= 15; i++) {
            assertSame(SENT, sendOne("m" + i).get(), "a written frame is reported sent at once");
        }
        AtomicReference<Object> sixteenth = sendOne("m16");

        assertNull(sixteenth.get(), "not reported before Tyrus confirms it");
        assertEquals(1, awaitingConfirmation.size());
        awaitingConfirmation.get(0).onResult(new SendResult());
        assertSame(SENT, sixteenth.get());

        assertSame(SENT, sendOne("m17").get());
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 17; i++) {
            expected.add((i == 16 ? "async " : "writer ") + "m" + i);
        }
        assertEquals(expected, wire, "every frame once, in order");
    }

    @Test
    void aBatchThatWouldLeaveTooManyCharactersUnconfirmedEndsWithAConfirmedFrame() {
        String big = "x".repeat(SparseConfirmations.CHARS / 2);
        sends.send(List.of(big, big, "tail"), failure -> { });

        assertEquals(List.of("writer " + big, "writer " + big, "async tail"), wire);
        assertEquals(1, awaitingConfirmation.size());
    }

    @Test
    void aConfirmationThatFailsIsReportedAsTheFailure() {
        for (int i = 1; i <= 15; i++) {
            sendOne("m" + i);
        }
        AtomicReference<Object> sixteenth = sendOne("m16");
        IOException reset = new IOException("connection reset");

        awaitingConfirmation.get(0).onResult(new SendResult(reset));

        assertSame(reset, sixteenth.get());
    }

    @Test
    void aWriteOnAClosedSessionIsReportedAsTheFailure() {
        writerFailure = new IOException("closed");

        AtomicReference<Object> result = sendOne("m1");

        assertSame(writerFailure, result.get());
        assertTrue(wire.isEmpty());
    }

    private static final Object SENT = new Object();

    private AtomicReference<Object> sendOne(String frame) {
        AtomicReference<Object> result = new AtomicReference<>();
        sends.send(List.of(frame), failure -> result.set(failure == null ? SENT : failure));
        return result; // null until reported
    }

    private Session session() {
        RemoteEndpoint.Basic basic = proxy(RemoteEndpoint.Basic.class, (method, args) ->
                method.equals("getSendWriter") ? recordingWriter() : null);
        RemoteEndpoint.Async async = proxy(RemoteEndpoint.Async.class, (method, args) -> {
            if (method.equals("sendText") && args.length == 2) {
                wire.add("async " + args[0]);
                awaitingConfirmation.add((SendHandler) args[1]);
            }
            return null;
        });
        return proxy(Session.class, (method, args) -> switch (method) {
            case "getBasicRemote" -> basic;
            case "getAsyncRemote" -> async;
            default -> null;
        });
    }

    private Writer recordingWriter() {
        return new StringWriter() {
            @Override
            public void close() throws IOException {
                if (writerFailure != null) {
                    throw writerFailure;
                }
                wire.add("writer " + this);
            }
        };
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(SparseConfirmationsTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args));
    }
}
