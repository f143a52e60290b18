package dev.chatwar.load;

import jakarta.json.Json;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalInt;

/**
 * A client that joins a room and then reads nothing, on a socket with a 4 KiB receive buffer, so that what
 * the server sends it piles up in the server's queue within seconds, not in the kernel. (The JDK's WebSocket
 * client cannot shrink its buffer, and Linux lets a stalled one grow to tens of MiB.) At the end it reads
 * what is left, to learn how the server closed it.
 */
final class StalledClient implements AutoCloseable {

    private static final int RECEIVE_BUFFER = 4096;
    private static final int CLOSE_OPCODE = 0x8;
    /** No close frame came before the connection ended (RFC 6455's 1006). */
    static final int ABNORMAL = 1006;

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /** Opens {@code chat} (a ws:// URI) with the token and asks to join the room; does not wait for replies. */
    static StalledClient joining(URI chat, String token, String room) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(RECEIVE_BUFFER);
        socket.connect(new InetSocketAddress(chat.getHost(), chat.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        byte[] key = new byte[16];
        new java.util.Random().nextBytes(key);
        String request = "GET " + chat.getRawPath() + " HTTP/1.1\r\nHost: " + chat.getHost() + ":" + chat.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        String status = statusLine(new DataInputStream(socket.getInputStream()));
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new IOException("handshake refused: " + status);
        }
        byte[] join = Json.createObjectBuilder().add("type", "join").add("room", room).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        // a final text frame, masked with the key 0 (RFC 6455 requires a mask, any key will do)
        out.write(new byte[] {(byte) 0x81, (byte) (0x80 | join.length), 0, 0, 0, 0});
        out.write(join);
        out.flush();
        return new StalledClient(socket);
    }

    // the status line, and the rest of the response head skipped
    private static String statusLine(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    /**
     * Reads everything the server still sends, up to its close frame: the close code, {@link #ABNORMAL} if the
     * connection ends without one, or nothing if the server is still holding it open after {@code patience}
     * of silence (it never fell far enough behind to be closed).
     */
    OptionalInt closeCode(Duration patience) {
        try {
            socket.setSoTimeout((int) patience.toMillis());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0f;
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (opcode == CLOSE_OPCODE) {
                    return OptionalInt.of(length >= 2 ? in.readUnsignedShort() : ABNORMAL);
                }
                in.skipNBytes(length);
            }
        } catch (SocketTimeoutException stillOpen) {
            return OptionalInt.empty();
        } catch (IOException endedOrReset) {
            return OptionalInt.of(ABNORMAL);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }
}
