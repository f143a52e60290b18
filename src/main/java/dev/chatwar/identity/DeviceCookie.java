package dev.chatwar.identity;

import dev.chatwar.base.UserName;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a browser signed in as a name before: {@code name.issuedAtSeconds.signature}, signed with
 * HMAC-SHA256 keyed by the account's stored password hash. So every node can check it without shared state,
 * and a new password voids every device cookie of the account. The signature doubles as the device's id.
 */
public final class DeviceCookie {

    public static final String NAME = "chat_device";
    public static final Duration LIFETIME = Duration.ofDays(180);
    private static final int MAX_LENGTH = 200;

    private DeviceCookie() {
    }

    static String issue(UserName user, String passwordHash, Instant now) {
        String signed = user.value() + "." + now.getEpochSecond();
        return signed + "." + sign(signed, passwordHash);
    }

    /** The device's id, if the cookie vouches for the name, was made with this password hash and is not too old. */
    static Optional<String> vouchedId(String cookie, UserName user, String passwordHash, Instant now) {
        if (cookie == null || cookie.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(user.value()) || !parts[1].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        String expected = sign(parts[0] + "." + parts[1], passwordHash);
        boolean genuine = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        return genuine && issued.plus(LIFETIME).isAfter(now) && !issued.isAfter(now.plusSeconds(60))
                ? Optional.of(parts[2]) : Optional.empty();
    }

    private static String sign(String signed, String passwordHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(passwordHash.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(("device " + signed).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", unavailable);
        }
    }
}
