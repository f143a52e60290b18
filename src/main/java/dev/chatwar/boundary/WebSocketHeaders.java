package dev.chatwar.boundary;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import java.util.Base64;

/** The RFC 6455 handshake headers the gate checks before the container sees them: version 13 and a proper key. */
final class WebSocketHeaders {

    static final String VERSION = "13";
    private static final int KEY_BYTES = 16;

    private WebSocketHeaders() {
    }

    static void require(String version, String key) {
        if (!VERSION.equals(version == null ? null : version.strip())) {
            throw new ChatException(ErrorCode.UPGRADE_REQUIRED, "only WebSocket version 13 (RFC 6455) is spoken here");
        }
        if (key == null || key.strip().length() != 24) {
            throw badKey();
        }
        try {
            if (Base64.getDecoder().decode(key.strip()).length != KEY_BYTES) {
                throw badKey();
            }
        } catch (IllegalArgumentException notBase64) {
            throw badKey();
        }
    }

    private static ChatException badKey() {
        return new ChatException(ErrorCode.INVALID_FIELD, "Sec-WebSocket-Key must be 16 bytes in base64");
    }
}
