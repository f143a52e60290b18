package dev.chatwar.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameSizeTest {

    @Test
    void countsUtf8BytesOfEveryWidth() {
        for (String frame : new String[] {"abc", "é".repeat(10), "€".repeat(7), "😀".repeat(5), "a€😀é".repeat(9)}) {
            int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(false, FrameSize.exceeds(frame, bytes), frame);
            assertEquals(true, FrameSize.exceeds(frame, bytes - 1), frame);
        }
    }
}
