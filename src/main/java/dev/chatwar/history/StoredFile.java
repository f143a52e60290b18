package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** The description of an uploaded file (db/migration/V14__files.sql); its bytes are a {@link StoredFileContent}. */
@Entity
@Table(name = "stored_file")
@NamedQuery(name = StoredFile.UNATTACHED, query = "select count(f) from StoredFile f where f.uploader = :uploader"
        + " and f.messageId is null")
public class StoredFile {

    static final String UNATTACHED = "StoredFile.unattached";

    @Id
    private String id;

    @Column(nullable = false)
    private String room;

    @Column(nullable = false)
    private String uploader;

    @Column(nullable = false)
    private String name;

    @Column(name = "media_type", nullable = false)
    private String type;

    @Column(name = "inline_image", nullable = false)
    private boolean image;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "uploaded_at", nullable = false)
    @Convert(converter = UtcOffsetInstantConverter.class)
    private Instant uploadedAt;

    @Column(name = "message_id")
    private Long messageId;

    protected StoredFile() {
    }

    StoredFile(FileStore.Upload upload, String id, Instant at) {
        this.id = id;
        this.room = upload.room().value();
        this.uploader = upload.uploader().value();
        this.name = upload.name();
        this.type = upload.type();
        this.image = upload.image();
        this.size = upload.bytes().length;
        this.uploadedAt = at;
    }

    FileStore.Description describe() {
        return new FileStore.Description(new Attachment(id, name, type, size, image),
                new dev.chatwar.base.RoomName(room), new dev.chatwar.base.UserName(uploader), messageId);
    }

    boolean attachable(String room, String author) {
        return messageId == null && this.room.equals(room) && uploader.equals(author);
    }

    void attachTo(long message) {
        messageId = message;
    }
}
