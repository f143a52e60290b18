package dev.chatwar.protocol;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** The fields a moderator's act takes, on a {@code moderate} frame and on a server ban's body. */
public final class ModerationFields {

    private ModerationFields() {
    }

    /** A ban's or a mute's duration in seconds, 1 up to a year; null (until lifted) stays null. */
    public static Long duration(Long seconds) {
        if (seconds != null && (seconds < 1 || seconds > Request.Moderate.MAX_DURATION_SECONDS)) {
            throw new ChatException(ErrorCode.INVALID_FIELD, "duration must be from 1 to "
                    + Request.Moderate.MAX_DURATION_SECONDS + " seconds");
        }
        return seconds;
    }

    /** The optional {@code reason}: 1 to 200 characters, not blank; null when absent. */
    public static String reason(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s && !s.getString().isBlank()
                && s.getString().length() <= Request.Moderate.MAX_REASON_LENGTH) {
            return s.getString();
        }
        throw new ChatException(ErrorCode.INVALID_FIELD,
                "reason must be a string of 1 to " + Request.Moderate.MAX_REASON_LENGTH + " characters");
    }
}
