package dev.chatwar.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses that may read the metrics: a comma-separated list of IP addresses and CIDR blocks
 * ({@code 10.0.0.0/8}, {@code fd00::/8}), or {@code *} for any. Only literal addresses: nothing is looked up.
 */
public final class AddressAllowList {

    /** System property: who may read /api/metrics; loopback only by default. */
    public static final String PROPERTY = "chat.metrics.allow";
    public static final String DEFAULT = "127.0.0.1/8,::1";

    private record Block(byte[] network, int prefixBits) {
    }

    private final boolean anyone;
    private final List<Block> blocks = new ArrayList<>();

    /** @throws IllegalArgumentException for an entry that is not a literal address or block */
    public AddressAllowList(String list) {
        boolean any = false;
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                any = true;
                continue;
            }
            int slash = item.indexOf('/');
            byte[] network = literal(slash < 0 ? item : item.substring(0, slash));
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(item.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + item);
            }
            blocks.add(new Block(network, bits));
        }
        this.anyone = any;
    }

    public static AddressAllowList fromSystemProperties() {
        return new AddressAllowList(System.getProperty(PROPERTY, DEFAULT));
    }

    public boolean allows(String address) {
        if (anyone) {
            return true;
        }
        byte[] bytes;
        try {
            bytes = literal(address);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        return blocks.stream().anyMatch(block -> within(bytes, block));
    }

    private static boolean within(byte[] address, Block block) {
        if (address.length != block.network().length) {
            return false;
        }
        int bits = block.prefixBits();
        for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((address[i] & mask) != (block.network()[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String text) {
        String address = text == null ? "" : text.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        // only digits, dots, colons and hex: InetAddress would otherwise resolve a host name
        if (!address.matches("[0-9a-fA-F.:]+(%[0-9a-zA-Z]+)?")) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(address).getAddress(); // an IPv4-mapped IPv6 address comes back as IPv4
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
