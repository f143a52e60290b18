package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The columns of a message's {@link Attachment} in its row (db/migration/V14__files.sql); all null without one. */
@Embeddable
public class AttachmentColumns {

    @Column(name = "attachment_id", length = 32)
    private String id;

    @Column(name = "attachment_name")
    private String name;

    @Column(name = "attachment_type", length = 100)
    private String type;

    @Column(name = "attachment_size")
    private Long size;

    @Column(name = "attachment_image")
    private Boolean image;

    protected AttachmentColumns() {
    }

    AttachmentColumns(Attachment file) {
        id = file.id();
        name = file.name();
        type = file.type();
        size = file.size();
        image = file.image();
    }

    Attachment toAttachment() {
        return new Attachment(id, name, type, size, image);
    }

    // a provider may hand back an embeddable of null columns for a row without an attachment, or none at all
    static Attachment toAttachment(AttachmentColumns columns) {
        return columns == null || columns.id == null ? null : columns.toAttachment();
    }
}
