package dev.chatwar.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.chatwar.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void acceptsAPlainUserName() {
        assertEquals(new UserName("alice.b_2-x"),
                assertInstanceOf(Identity.Known.class, Identity.resolve("alice.b_2-x")).user());
    }

    @Test
    void refusesMissingAndInvalidNamesWithDistinctCodes() {
        assertEquals(ErrorCode.MISSING_USER, assertInstanceOf(Identity.Refused.class, Identity.resolve(null)).code());
        assertEquals(ErrorCode.MISSING_USER, assertInstanceOf(Identity.Refused.class, Identity.resolve("")).code());
        for (String bad : new String[] {"a b", "x".repeat(33), "<script>", "ünïcode"}) {
            assertEquals(ErrorCode.INVALID_USER, assertInstanceOf(Identity.Refused.class, Identity.resolve(bad)).code(), bad);
        }
    }
}
