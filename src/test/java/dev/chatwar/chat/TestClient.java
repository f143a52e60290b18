package dev.chatwar.chat;

import dev.chatwar.connection.Connection;
import dev.chatwar.support.RecordingSink;
import dev.chatwar.support.TestSessions;
import jakarta.json.JsonObject;
import java.util.List;

/** A connection to the chat under test, opened as a socket would be, with every frame the chat sent it. */
record TestClient(Chat chat, Connection connection, RecordingSink sink) {

    static TestClient open(Chat chat, String user) {
        RecordingSink sink = new RecordingSink();
        return new TestClient(chat, chat.open(TestSessions.of(user), "127.0.0.1", sink, null), sink);
    }

    /** Sends the frame and returns the last frame sent back once it is handled (all of it runs on this thread). */
    JsonObject request(String frame) {
        chat.receive(connection, frame);
        return last();
    }

    List<JsonObject> ofType(String type) {
        return sink.framesOfType(type);
    }

    JsonObject last() {
        List<JsonObject> frames = sink.frames();
        return frames.get(frames.size() - 1);
    }
}
