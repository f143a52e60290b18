package dev.chatwar.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.UserName;
import dev.chatwar.support.InMemoryAccountStore;
import dev.chatwar.support.TestClock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    private final Accounts accounts = new Accounts(new InMemoryAccountStore(), new PasswordHash(1000), new TestClock(),
            Duration.ofHours(1));
    private final Profiles profiles = accounts.profiles();

    ProfilesTest() {
        accounts.register("Alice", "correct horse", "192.0.2.1");
        accounts.register("bob", "correct horse", "192.0.2.1");
    }

    @Test
    void aDisplayNameIsTrimmedAndLookedUpByTheNameInAnyCase() {
        assertEquals("Alice Liddell ✓", profiles.set(new UserName("Alice"), "  Alice Liddell ✓ ").displayName());
        assertEquals(List.of(new AccountStore.Profile(new UserName("Alice"), "Alice Liddell ✓")),
                profiles.of(List.of("ALICE", "nobody")), "as registered; a name of nobody is left out");
        profiles.set(new UserName("Alice"), null);
        assertEquals(List.of(new AccountStore.Profile(new UserName("Alice"), null)), profiles.of(List.of("alice")));
    }

    @Test
    void aNameThatCouldDisguiseItselfOrIsTooLongIsRefused() {
        UserName bob = new UserName("bob");
        for (String name : List.of("", "   ", "x".repeat(65), "bob\nadmin", "\u202Eevil", "zero\u200Bwidth", "\u0007")) {
            assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChatException.class, () -> profiles.set(bob, name)).code(),
                    name);
        }
        assertEquals("名前".repeat(32), profiles.set(bob, "名前".repeat(32)).displayName(), "64 characters of any script");
    }

    @Test
    void aLookupTakesOneToAHundredUserNames() {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChatException.class,
                () -> profiles.of(Collections.nCopies(101, "bob"))).code());
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChatException.class,
                () -> profiles.of(List.of("bob", "not a name"))).code());
        assertEquals(1, profiles.of(Collections.nCopies(100, "bob")).size());
    }
}
