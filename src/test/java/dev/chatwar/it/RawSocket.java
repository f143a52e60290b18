package dev.chatwar.it;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket peer on a bare TCP socket, for what a well-behaved client library will not do: read the
 * handshake's HTTP status, send a binary frame, stop reading, or vanish without a close frame.
 */
final class RawSocket implements Closeable {

    private final Socket socket;
    private final int status;

    private RawSocket(Socket socket, int status) {
        this.socket = socket;
        this.status = status;
    }

    /** The opening handshake of the user, with its bearer token; {@code receiveBuffer} 0 keeps the default. */
    static RawSocket handshakeAs(String user, int receiveBuffer) {
        return handshakeAs(user, receiveBuffer, "");
    }

    /** The same, with extra header lines, each ending in CRLF. */
    static RawSocket handshakeAs(String user, int receiveBuffer, String headers) {
        return handshake(ChatWar.BASE, "", receiveBuffer,
                "Authorization: " + TestUsers.authorization(user) + "\r\n" + headers);
    }

    /** Performs the opening handshake with the given query string; {@code receiveBuffer} 0 keeps the default. */
    static RawSocket handshake(URI base, String query, int receiveBuffer) {
        return handshake(base, query, receiveBuffer, "");
    }

    /** The same, with extra header lines, each ending in CRLF. */
    static RawSocket handshake(URI base, String query, int receiveBuffer, String headers) {
        try {
            Socket socket = connect(base, receiveBuffer);
            socket.getOutputStream().write((handshakeHead(base, query) + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            return new RawSocket(socket, Integer.parseInt(head.split(" ", 3)[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TCP connection to the server that sends only the first {@code bytes} of a handshake, then nothing. */
    static Socket partialHandshake(URI base, int bytes) {
        try {
            Socket socket = connect(base, 0);
            byte[] head = handshakeHead(base, "").getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(head, 0, Math.min(bytes, head.length));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket connect(URI base, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    // The request line and headers of a handshake, without the blank line that ends them.
    private static String handshakeHead(URI base, String query) {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return "GET " + base.getPath() + "chat" + query + " HTTP/1.1\r\n"
                + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n";
    }

    int status() {
        return status;
    }

    void sendText(String text) {
        sendFrame(true, 0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text frame of any bytes, valid UTF-8 or not. */
    void sendTextBytes(byte[] payload) {
        sendFrame(true, 0x1, payload);
    }

    /** One text message in several frames: a text frame, then continuation frames, the last one final. */
    void sendFragmented(byte[]... fragments) {
        for (int i = 0; i < fragments.length; i++) {
            sendFrame(i == fragments.length - 1, i == 0 ? 0x1 : 0x0, fragments[i]);
        }
    }

    void sendBinary(byte[] data) {
        sendFrame(true, 0x2, data);
    }

    /** Reads until the server's close frame and returns its code; -1 when the connection ends without one. */
    int awaitCloseCode() {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int head = in.read();
                int second = in.read();
                if (head < 0 || second < 0) {
                    return -1;
                }
                byte[] payload = in.readNBytes((int) payloadLength(in, second));
                if ((head & 0x0f) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                }
            }
        } catch (IOException ended) {
            return -1;
        }
    }

    private static long payloadLength(InputStream in, int second) throws IOException {
        long length = second & 0x7f;
        if (length >= 126) {
            int bytes = length == 126 ? 2 : 8;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | in.read();
            }
        }
        return length;
    }

    /**
     * The next text message, answering pings on the way; null once the server closed or the connection
     * ended. Meant for one reading thread.
     */
    String readText() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int head = in.read();
                int second = in.read();
                if (head < 0 || second < 0) {
                    return null;
                }
                byte[] payload = in.readNBytes((int) payloadLength(in, second));
                int opcode = head & 0x0f;
                if (opcode == 0x8) {
                    return null;
                } else if (opcode == 0x9) {
                    sendFrame(true, 0xA, payload);
                } else if (opcode == 0x1 || opcode == 0x0) {
                    message.writeBytes(payload);
                    if ((head & 0x80) != 0) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException closed) {
            return null;
        }
    }

    /** Drops the TCP connection without a WebSocket close frame. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the TCP connection with a reset, as a crashed peer or a lost network does. */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the head of a masked text frame that claims {@code length} bytes (64-bit length), and not one of them. */
    void sendTextHead(long length) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(0x81);
        head.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            head.write((int) (length >>> shift) & 0xff);
        }
        head.writeBytes(new byte[] {1, 2, 3, 4});
        try {
            socket.getOutputStream().write(head.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes up to {@code bytes} of payload after a head; returns how many were written before the server closed. */
    long streamPayload(long bytes) {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try {
            OutputStream out = socket.getOutputStream();
            while (written < bytes) {
                out.write(chunk);
                written += chunk.length;
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // what a server that stops reading at the limit does
        }
        return written;
    }

    // A masked frame, as RFC 6455 requires of a client.
    private synchronized void sendFrame(boolean fin, int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            OutputStream out = socket.getOutputStream();
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
