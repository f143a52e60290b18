package dev.chatwar.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressAllowListTest {

    @Test
    void theDefaultLetsLoopbackInOnly() {
        AddressAllowList loopback = new AddressAllowList(AddressAllowList.DEFAULT);
        assertTrue(loopback.allows("127.0.0.1"));
        assertTrue(loopback.allows("127.8.9.10"));
        assertTrue(loopback.allows("::1"));
        assertTrue(loopback.allows("0:0:0:0:0:0:0:1"));
        assertFalse(loopback.allows("10.0.0.1"));
        assertFalse(loopback.allows("128.0.0.1"));
        assertFalse(loopback.allows("::2"));
    }

    @Test
    void blocksMatchByPrefixInBothFamilies() {
        AddressAllowList list = new AddressAllowList("10.1.0.0/16, 192.168.1.7, fd00::/8");
        assertTrue(list.allows("10.1.255.3"));
        assertFalse(list.allows("10.2.0.1"));
        assertTrue(list.allows("192.168.1.7"));
        assertFalse(list.allows("192.168.1.8"));
        assertTrue(list.allows("fd12:3456::1"));
        assertFalse(list.allows("fe80::1"));
        assertTrue(list.allows("::ffff:10.1.2.3"), "an IPv4 peer as IPv6 reports it");
    }

    @Test
    void namesAreNeverLookedUpAndGarbageIsRefused() {
        AddressAllowList list = new AddressAllowList("127.0.0.1");
        assertFalse(list.allows("localhost"));
        assertFalse(list.allows(""));
        assertFalse(list.allows(null));
        assertThrows(IllegalArgumentException.class, () -> new AddressAllowList("metrics.example.com"));
        assertThrows(IllegalArgumentException.class, () -> new AddressAllowList("10.0.0.0/33"));
    }

    @Test
    void aStarLetsAnyoneIn() {
        assertTrue(new AddressAllowList("*").allows("203.0.113.5"));
    }
}
