package dev.chatwar.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a benchmark ran on, as far as the JVM and /proc tell. */
record Machine(int cores, String cpu, String memory, String os, String java) {

    static Machine describe() {
        return new Machine(cpus(),
                procLine("/proc/cpuinfo", "model name").orElse("unknown"),
                procLine("/proc/meminfo", "MemTotal").orElse("unknown"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    /** All the machine's CPUs, not only those this process may run on. */
    private static int cpus() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("processor"))
                    .count();
        } catch (IOException | RuntimeException unreadable) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static Optional<String> procLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    JsonObject toJson() {
        return Json.createObjectBuilder().add("cores", cores).add("cpu", cpu).add("memory", memory).add("os", os)
                .add("java", java).build();
    }

    @Override
    public String toString() {
        return cores + " cores (" + cpu + "), " + memory + " of memory, " + os + ", " + java;
    }
}
