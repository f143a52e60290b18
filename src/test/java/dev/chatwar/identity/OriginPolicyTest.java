package dev.chatwar.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void byDefaultAllowsThePagesOwnOriginAndClientsWithoutOne() {
        OriginPolicy policy = OriginPolicy.of(null);
        assertTrue(policy.allows("http://localhost:8080", "localhost:8080"));
        assertTrue(policy.allows("https://Chat.Example.com", "chat.example.com"));
        assertTrue(policy.allows("https://chat.example.com", "chat.example.com:443"));
        assertTrue(policy.allows(null, "localhost:8080"), "no Origin: not a browser");
        assertFalse(policy.allows("http://evil.example", "localhost:8080"));
        assertFalse(policy.allows("http://localhost:9999", "localhost:8080"), "another port is another origin");
        assertFalse(policy.allows("null", "localhost:8080"), "a sandboxed or file page");
    }

    @Test
    void aConfiguredListAddsOriginsAndAStarAllowsAll() {
        OriginPolicy listed = OriginPolicy.of(" https://app.example.com , http://localhost:3000 ");
        assertTrue(listed.allows("https://app.example.com", "api.example.com"));
        assertTrue(listed.allows("http://localhost:3000", "localhost:8080"));
        assertTrue(listed.allows("http://localhost:8080", "localhost:8080"), "the own origin stays allowed");
        assertFalse(listed.allows("https://evil.example", "api.example.com"));
        assertTrue(OriginPolicy.of("*").allows("https://anything.example", "localhost:8080"));
    }
}
