package dev.chatwar.it;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real headless Chromium the page's tests run in, one per test JVM, driven by Playwright. The build
 * fetches it from the npm registry (the package pinned in src/test/browser) and unpacks it into target/browser,
 * so it needs neither root nor a system package; {@code -Dchat.it.chromium=/usr/bin/chromium} runs another.
 * Playwright's driver runs on the machine's Node.js and downloads nothing.
 */
final class TestBrowser {

    private static final Path CHROMIUM = Path.of(System.getProperty("chat.it.chromium",
            "target/browser/unpacked/chromium"));
    private static final Path FONTS = Path.of(System.getProperty("chat.it.fontconfig",
            "target/browser/unpacked/fonts.conf"));

    private static Playwright playwright;
    private static Browser browser;

    private TestBrowser() {
    }

    /** Fails, saying how to get one, when the browser or Node.js is missing. */
    static void require() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("BrowserIT needs the Chromium that `mvn verify` unpacks into " + CHROMIUM
                    + " (from the npm package in src/test/browser); run the tests through Maven, or point"
                    + " -Dchat.it.chromium at another Chromium");
        }
        node();
    }

    /** A fresh context (cookies, storage) with a viewport of this size, in the shared browser. */
    static synchronized BrowserContext newContext(int width, int height) {
        return browser().newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    }

    /** Closes the browser and Playwright's driver; the next context starts them again. */
    static synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }

    private static Browser browser() {
        if (browser == null) {
            require();
            // the driver must not try to download browsers of its own: there is no network for it here
            System.setProperty("playwright.nodejs.path", node().toString());
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (Files.isRegularFile(FONTS)) {
                environment.put("FONTCONFIG_FILE", FONTS.toAbsolutePath().toString());
            }
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM.toAbsolutePath())
                    .setHeadless(true)
                    .setEnv(environment)
                    .setArgs(List.of("--disable-gpu", "--disable-dev-shm-usage", "--disable-quic")));
        }
        return browser;
    }

    private static Path node() {
        Optional<Path> node = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "node")).filter(Files::isExecutable)
                .findFirst();
        return node.orElseThrow(() -> new AssertionError(
                "BrowserIT drives the browser through Playwright, whose driver needs Node.js on the PATH"));
    }
}
