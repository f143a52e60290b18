package dev.chatwar.history;

import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import java.util.Optional;

/**
 * Uploaded files, kept in the database so that every node serves them. A file is attached to a message when the
 * message is stored ({@link Append.Message#attachment()}), and deleted with that message's retraction.
 */
public interface FileStore {

    /** A file as uploaded: its media type and {@code image} as decided from its first bytes. */
    record Upload(RoomName room, UserName uploader, String name, String type, boolean image, byte[] bytes) {
    }

    /** What is known of a stored file without reading it; {@code messageId} null until it is attached. */
    record Description(Attachment attachment, RoomName room, UserName uploader, Long messageId) {
    }

    /** Stores the file under a new random id; returns its description. */
    Description store(Upload upload);

    Optional<Description> describe(String id);

    /** The file's bytes; empty once it is deleted. */
    Optional<byte[]> content(String id);

    /** How many files the user uploaded that no message carries yet. */
    long unattached(UserName uploader);
}
