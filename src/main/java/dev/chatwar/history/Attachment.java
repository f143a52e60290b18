package dev.chatwar.history;

/**
 * A file sent with a message: its id (to download it), name, media type as served, size in bytes, and whether it
 * is an image the server checked and shows inline (PNG, JPEG, GIF or WebP by its first bytes).
 */
public record Attachment(String id, String name, String type, long size, boolean image) {
}
