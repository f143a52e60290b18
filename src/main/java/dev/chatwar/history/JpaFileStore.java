package dev.chatwar.history;

import dev.chatwar.base.UserName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class JpaFileStore implements FileStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Override
    public Description store(Upload upload) {
        byte[] id = new byte[16]; // 128 random bits: nobody guesses a file's address
        RANDOM.nextBytes(id);
        String key = HexFormat.of().formatHex(id);
        StoredFile file = new StoredFile(upload, key, Instant.now());
        em.persist(file);
        em.persist(new StoredFileContent(key, upload.bytes()));
        return file.describe();
    }

    @Override
    public Optional<Description> describe(String id) {
        return Optional.ofNullable(em.find(StoredFile.class, id)).map(StoredFile::describe);
    }

    @Override
    public Optional<byte[]> content(String id) {
        return Optional.ofNullable(em.find(StoredFileContent.class, id)).map(StoredFileContent::bytes);
    }

    @Override
    public long unattached(UserName uploader) {
        return em.createNamedQuery(StoredFile.UNATTACHED, Long.class).setParameter("uploader", uploader.value())
                .getSingleResult();
    }
}
