package dev.chatwar.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process, found by pieces of its command line, for its resident memory and CPU time (from Linux's
 * /proc) and, for a JVM, its live heap (with the JDK's jcmd).
 */
public final class ServerProcess {

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    // one line per heap (G1) or per generation (Serial, Parallel): "total 1048576K, used 35246K"
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final long NANOS_PER_TICK = 10_000_000L; // Linux's USER_HZ is 100

    private final Optional<ProcessHandle> process;

    private ServerProcess(Optional<ProcessHandle> process) {
        this.process = process;
    }

    /**
     * The first other process whose command line contains every given piece; none without pieces. The command
     * line is read from /proc: the JDK's {@code ProcessHandle.Info} leaves out the arguments of a long one, such as
     * Payara's. Pieces that match no process are an error, not a run that reports no CPU time.
     */
    public static ServerProcess matching(String... pieces) {
        if (pieces.length == 0) {
            return new ServerProcess(Optional.empty());
        }
        Optional<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .filter(process -> {
                    String line = commandLine(process.pid());
                    for (String piece : pieces) {
                        if (!line.contains(piece)) {
                            return false;
                        }
                    }
                    return true;
                })
                .findFirst();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no process has " + String.join(" and ", pieces)
                    + " in its command line");
        }
        return new ServerProcess(found);
    }

    /** The process's arguments separated by spaces, or "" when it cannot be read (it ended, or is not ours to see). */
    static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    /** Resident set size in bytes. */
    public OptionalLong residentBytes() {
        return proc("status").map(status -> {
            Matcher rss = RSS.matcher(status);
            return rss.find() ? OptionalLong.of(Long.parseLong(rss.group(1)) * 1024) : OptionalLong.empty();
        }).orElse(OptionalLong.empty());
    }

    /** User and system CPU time the process has used so far, in nanoseconds. */
    public OptionalLong cpuNanos() {
        return proc("stat").map(stat -> {
            // the fields after the command name in parentheses: state is the first, utime the 12th, stime the 13th
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
        }).orElse(OptionalLong.empty());
    }

    /** A JVM's used heap right after a full collection: what its live objects take. Empty for other processes. */
    public OptionalLong liveHeapBytes() {
        if (process.isEmpty() || !process.get().info().command().orElse("").endsWith("java")) {
            return OptionalLong.empty();
        }
        try {
            jcmd("GC.run");
            Matcher heap = HEAP_USED.matcher(jcmd("GC.heap_info"));
            long usedKib = 0;
            boolean found = false;
            while (heap.find()) {
                usedKib += Long.parseLong(heap.group(1));
                found = true;
            }
            return found ? OptionalLong.of(usedKib * 1024) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    public String describe() {
        return process.map(found -> "pid " + found.pid()).orElse("process not found");
    }

    private Optional<String> proc(String file) {
        try {
            return process.isEmpty() ? Optional.empty()
                    : Optional.of(Files.readString(Path.of("/proc", Long.toString(process.get().pid()), file)));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(process.get().pid()),
                command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }
}
