package dev.chatwar.search;

import dev.chatwar.base.ChatException;
import dev.chatwar.base.ErrorCode;
import dev.chatwar.history.EventFeed;
import dev.chatwar.history.SchemaMigration;
import dev.chatwar.history.StoreSharing;
import dev.chatwar.history.StoredEvents;
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
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(SearchRuntime.class.getName());

    @Inject
    EventFeed feed;

    @Inject
    StoreSharing sharing;

    @Inject
    StoredEvents stored;

    @Inject
    SchemaMigration migration;

    @Resource
    ManagedThreadFactory threadFactory;

    // made once, then used on the indexer's thread; search is read by request threads
    private volatile MessageIndex index;
    private volatile Indexer indexer;
    private volatile MessageSearch search;
    private ScheduledThreadPoolExecutor thread;
    private long pollMillis;
    private volatile int failures;
    private boolean started;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread made = threadFactory.newThread(task);
            made.setName("chat-search-indexer");
            return made;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // the next poll is not waited for
        try {
            open(); // now, so that searches are answered from the first request on
        } catch (IOException | RuntimeException locked) {
            LOG.log(Level.WARNING, "the search index cannot be opened yet; it is tried again every poll", locked);
        }
        pollMillis = Math.max(1, Long.getLong(POLL_MILLIS, 1000));
        thread.schedule(this::poll, 0, TimeUnit.MILLISECONDS);
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
        stored.follow(indexer::committed);
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

    // Polls again after pollMillis; after a failure (the database away, say), after twice as long each time up to
    // MAX_BACKOFF_MILLIS, so that an outage costs the database and the log little. Whatever is thrown, the thread
    // goes on: a poll that ended the schedule would leave the index behind for good, silently.
    private void poll() {
        long next = pollMillis;
        try {
            if (migration.migratedVersion().isPresent()) { // else the schema is not there yet
                open();
                if (!started) {
                    indexer.start(); // needs the schema: after the migration
                    started = true;
                }
                indexer.poll();
            }
            if (failures > 0) {
                LOG.info("the search index takes the newest messages again after " + failures + " failed polls");
            }
            failures = 0;
        } catch (Exception | Error failure) {
            if (failures == 0) {
                LOG.log(Level.WARNING, "the search index could not take the newest messages; it tries again", failure);
            }
            failures++;
            reopenIfBroken();
            next = Math.max(pollMillis, Math.min(MAX_BACKOFF_MILLIS, pollMillis << Math.min(failures, 16)));
        } finally {
            if (!thread.isShutdown()) {
                thread.schedule(this::poll, next, TimeUnit.MILLISECONDS);
            }
        }
    }

    // Lucene closes an index writer that failed beyond repair (out of memory or disk while merging, say): the
    // index is opened again from its last commit, and catches up from the database
    private synchronized void reopenIfBroken() {
        MessageIndex broken = index;
        if (broken == null || !broken.broken()) {
            return;
        }
        LOG.warning("the search index failed beyond repair; it is opened again from its last commit");
        index = null;
        search = null; // server_busy until it is open again, at the next poll
        started = false;
        try {
            broken.close();
        } catch (IOException | RuntimeException closing) {
            LOG.log(Level.FINE, "the broken search index did not close cleanly", closing);
        }
    }

    /** How far the index has come: the highest event id it holds, and whether its last poll failed. */
    public IndexStatus status() {
        Indexer running = indexer;
        return new IndexStatus(running == null ? 0 : running.lastId(), failures > 0);
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
        stored.follow(events -> {
        });
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
