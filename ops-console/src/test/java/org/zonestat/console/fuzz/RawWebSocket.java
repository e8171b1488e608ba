package org.zonestat.console.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * A bare WebSocket client over a plain socket for the fuzz test: it writes any frame (masked or
 * not, any opcode, bytes that are not UTF-8, lengths that lie), which a real client library refuses
 * to send, and reads the server's frames back.
 *
 * <p>Not thread-safe: one test thread uses it.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Random masks;

    /** How long {@link #next()} waits for the server. */
    void timeout(java.time.Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
    }

    /** Connects and upgrades; throws if the server does not answer 101. */
    RawWebSocket(int port, String pathAndQuery, long seed) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        masks = new Random(seed);
        byte[] key = new byte[16];
        masks.nextBytes(key);
        out.write(
                ("GET "
                                + pathAndQuery
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                                + "Sec-WebSocket-Key: "
                                + Base64.getEncoder().encodeToString(key)
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
    }

    /** Writes one frame; {@code declaredLength} below 0 means the payload's true length. */
    void send(int opcode, byte[] payload, boolean fin, boolean masked, long declaredLength)
            throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | (opcode & 0x0f));
        long length = declaredLength < 0 ? payload.length : declaredLength;
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            f.write(maskBit | (int) length);
        } else if (length < 65_536) {
            f.write(maskBit | 126);
            f.write((int) (length >> 8) & 0xff);
            f.write((int) length & 0xff);
        } else {
            f.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) (length >> shift) & 0xff);
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            masks.nextBytes(mask);
            f.write(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        f.write(body);
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * The server's next message: {@code "text:<message>"}, {@code "close:<code>"}, {@code "eof"}
     * when the connection ends without a close frame, {@code "timeout"}. Pings and pongs are
     * skipped.
     */
    String next() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = b0 & 0x0f;
                if (opcode == CLOSE) {
                    int code =
                            payload.length >= 2
                                    ? (payload[0] & 0xff) << 8 | payload[1] & 0xff
                                    : 1005;
                    return "close:" + code;
                }
                if (opcode == TEXT || opcode == 0) {
                    text.write(payload);
                    if ((b0 & 0x80) != 0) {
                        return "text:" + text.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (java.io.EOFException | java.net.SocketException e) {
            return "eof";
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
