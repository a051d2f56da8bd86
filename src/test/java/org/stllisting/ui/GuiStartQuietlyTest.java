package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window started as a user starts it (the program's own entry point, in a child JVM, on the headless
 * Monocle platform): no JavaFX configuration notice on the terminal, and JavaFX's unpacked libraries in the
 * application home, not in the user's home.
 */
class GuiStartQuietlyTest {
    @TempDir
    Path tmp;

    @Test
    void theWindowStartsWithoutTheJavaFxNoticeAndKeepsItsCacheInTheHome() throws Exception {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Path home = tmp.resolve("home");
        Path log = tmp.resolve("gui.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Duser.home=" + user, "-cp", System.getProperty("java.class.path"), "org.stllisting.Main",
                "--home", home.toString(), "gui");
        Process gui = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.isDirectory(home.resolve("cache/openjfx")) && gui.isAlive()) {
                assertThat(System.nanoTime()).as("the window started: " + Files.readString(log)).isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(2000); // the notice, when there is one, comes as the toolkit starts
        } finally {
            gui.destroy();
            gui.waitFor(20, TimeUnit.SECONDS);
            gui.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(out).doesNotContain("Unsupported JavaFX configuration");
        assertThat(home.resolve("cache/openjfx")).isDirectory();
        try (Stream<Path> s = Files.walk(user)) {
            assertThat(s.filter(p -> !p.equals(user)).toList()).as("nothing in the user's home").isEmpty();
        }
    }
}
