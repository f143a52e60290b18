package dev.chatwar.protocol;

/** Measures a text frame in UTF-8 bytes, the unit of the WebSocket size limit, without encoding it. */
public final class FrameSize {

    private FrameSize() {
    }

    public static boolean exceeds(String frame, int maxBytes) {
        if (frame.length() > maxBytes) {
            return true;
        }
        if ((long) frame.length() * 3 <= maxBytes) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxBytes;
    }
}
