package dev.chatwar.search;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.history.EventFeed;
import dev.chatwar.history.SchemaMigration;
import dev.chatwar.history.StoreSharing;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's search index, kept in a folder of the server's (system property {@value #FOLDER}; by default
 * {@code search} in WildFly's data folder or Payara's domain folder) and fed once a second (system property
 * {@value #POLL_MILLIS}, in milliseconds) by its {@link Indexer}, on a thread of its own.
 */
@ApplicationScoped
public class SearchRuntime {

    public static final String FOLDER = "chat.search.dir";
    public static final String POLL_MILLIS = "chat.search.poll-millis";
    private static final Logger LOG = Logger.getLogger(SearchRuntime.class.getName());

    @Inject
    EventFeed feed;

    @Inject
    StoreSharing sharing;

    @Inject
    SchemaMigration migration;

    @Resource
    ManagedThreadFactory threadFactory;

    // made once, then used on the indexer's thread; search is read by request threads
    private volatile MessageIndex index;
    private volatile Indexer indexer;
    private volatile MessageSearch search;
    private ScheduledThreadPoolExecutor thread;
    private volatile boolean failing;
    private boolean started;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread made = threadFactory.newThread(task);
            made.setName("chat-search-indexer");
            return made;
        });
        try {
            open(); // now, so that searches are answered from the first request on
        } catch (IOException | RuntimeException locked) {
            LOG.log(Level.WARNING, "the search index cannot be opened yet; it is tried again every poll", locked);
        }
        thread.scheduleWithFixedDelay(this::poll, 0, Long.getLong(POLL_MILLIS, 1000), TimeUnit.MILLISECONDS);
    }

    // a folder that cannot be opened now (still locked by the deployment before, say) is tried again at the next
    // poll, and the server answers searches with server_busy meanwhile
    private synchronized void open() throws IOException {
        if (index != null) {
            return;
        }
        Path folder = folder();
        Files.createDirectories(folder);
        MessageIndex opened = MessageIndex.in(folder);
        indexer = new Indexer(feed, opened, sharing == StoreSharing.NODES, System::nanoTime);
        index = opened;
        search = new MessageSearch(opened, Math.max(2, Runtime.getRuntime().availableProcessors()));
        LOG.info("search index in " + folder);
    }

    private static Path folder() {
        String chosen = System.getProperty(FOLDER);
        if (chosen != null) {
            return Path.of(chosen);
        }
        String wildfly = System.getProperty("jboss.server.data.dir");
        String payara = System.getProperty("com.sun.aas.instanceRoot");
        String base = wildfly != null ? wildfly : payara != null ? payara : System.getProperty("java.io.tmpdir");
        return Path.of(base, "chat-search");
    }

    // a failure is logged once, then again only once it has recovered and failed anew
    private void poll() {
        if (migration.migratedVersion().isEmpty()) {
            return; // the schema is not there yet
        }
        try {
            open();
            if (!started) {
                indexer.start(); // needs the schema: after the migration
                started = true;
            }
            indexer.poll();
            failing = false;
        } catch (IOException | RuntimeException failure) {
            if (!failing) {
                LOG.log(Level.WARNING, "the search index could not take the newest messages; it tries again", failure);
            }
            failing = true;
        }
    }

    /** The node's search; {@code server_busy} while its index is not open yet. */
    public MessageSearch search() {
        MessageSearch ready = search;
        if (ready == null) {
            throw new ChatException(ErrorCode.SERVER_BUSY, "search is starting: try again in a moment", null);
        }
        return ready;
    }

    @PreDestroy
    void stop() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
            if (index != null) {
                if (started) { // else the last commit's id stands: nothing was read since
                    index.commit(indexer.lastId());
                }
                index.close();
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(Level.WARNING, "the search index did not close cleanly; it is rebuilt from the database as needed", e);
        }
    }
}
