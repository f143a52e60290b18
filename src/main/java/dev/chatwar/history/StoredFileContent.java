package dev.chatwar.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of an uploaded file (db/migration/V14__files.sql), read only to serve it. */
@Entity
@Table(name = "file_content")
public class StoredFileContent {

    @Id
    private String id;

    @Column(nullable = false)
    private byte[] bytes;

    protected StoredFileContent() {
    }

    StoredFileContent(String id, byte[] bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }
}
