package dev.chatwar.files;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.base.RoomName;
import dev.chatwar.base.UserName;
import dev.chatwar.history.FileStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Files in rooms: an upload is stored as what its bytes say it is, under a clean name, while its uploader has fewer
 * than {@value Uploads#MAX_WAITING} files waiting to be sent; a file is served to whoever may read its room once a
 * message carries it (before that, to its uploader only), and to nobody else, not even with its address.
 */
@ApplicationScoped
public class FileRules {

    @Inject
    FileStore store;

    private final Uploads uploads = Uploads.fromSystemProperties();

    public Uploads uploads() {
        return uploads;
    }

    /** Stores the file; the caller checked that the uploader may write in the room. */
    public FileStore.Description store(UserName uploader, RoomName room, String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw new ChatException(ErrorCode.MISSING_FIELD, "the request body is the file: it is empty");
        }
        if (store.unattached(uploader) >= Uploads.MAX_WAITING) {
            throw new ChatException(ErrorCode.RATE_LIMITED, "you have " + Uploads.MAX_WAITING
                    + " files waiting to be sent: send them before uploading more");
        }
        String type = FileKinds.typeOf(bytes);
        return store.store(new FileStore.Upload(room, uploader, FileNames.clean(name), type, FileKinds.isImage(type),
                bytes));
    }

    /**
     * The file's description and bytes, for a reader of its room; {@code not_found} for a file that does not
     * exist, is gone, or that the user may not read: the answer does not tell which.
     */
    public Served serve(UserName reader, String id, BiPredicate<UserName, RoomName> mayRead) {
        Optional<FileStore.Description> described = id.matches("[0-9a-f]{32}") ? store.describe(id) : Optional.empty();
        FileStore.Description file = described.filter(found -> found.messageId() == null
                        ? found.uploader().equals(reader) : mayRead.test(reader, found.room()))
                .orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "no such file"));
        byte[] bytes = store.content(id).orElseThrow(() -> new ChatException(ErrorCode.NOT_FOUND, "no such file"));
        return new Served(file, bytes);
    }

    public record Served(FileStore.Description file, byte[] bytes) {
    }
}
