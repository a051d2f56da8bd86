package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code app/stl-listing} and its class-data-sharing archive, run as a user runs it: in a copy of the
 * launcher beside a jar made of the compiled classes (its manifest names the dependency jars), with a sample, an
 * empty user home and a private temporary folder.
 */
class LauncherTest {
    private static final Path PROJECT = Path.of(System.getProperty("stl.project", ".")).toAbsolutePath();

    @TempDir
    Path dir;

    private Path root;
    private Path jar;
    private Path archive;
    private Path userHome;
    private Path tmp;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        root = dir.resolve("product");
        Files.createDirectories(root.resolve("app/samples"));
        Files.createDirectories(root.resolve("target"));
        Path launcher = root.resolve("app/stl-listing");
        Files.copy(PROJECT.resolve("app/stl-listing"), launcher);
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        jar = root.resolve("target/stl-listing.jar");
        archive = root.resolve("target/stl-listing.jsa");
        userHome = Files.createDirectories(dir.resolve("user"));
        tmp = Files.createDirectories(dir.resolve("tmp"));
    }

    private record Run(int code, String out) {
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("app/stl-listing").toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("STL_LISTING_HOME");
        pb.environment().put("HOME", userHome.toString());
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out));
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    /**
     * A jar holding the compiled classes whose manifest names the dependency jars, as the packaged jar's
     * content.
     */
    private void makeJar() throws IOException {
        Path classes = PROJECT.resolve("target/classes");
        List<String> path = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                path.add(p.toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.stllisting.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", path));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, m)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
        }
    }

    private void addSample() throws IOException {
        Files.copy(PROJECT.resolve("app/samples/desk_organizer.stl"), root.resolve("app/samples/desk_organizer.stl"));
    }

    private static long modified(Path p) throws IOException {
        return Files.getLastModifiedTime(p).toMillis();
    }

    private void assertUserHomeAndTempUntouched() throws IOException {
        try (Stream<Path> s = Files.list(userHome)) {
            assertThat(s.toList()).as("nothing written into the user's home").isEmpty();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.toList()).as("training folder removed").isEmpty();
        }
    }

    @Test
    void trainsOneArchiveThatTheCommandsMapAndABrokenOneIsNotUsedButTrainedAgain() throws Exception {
        makeJar();
        addSample();

        Run first = launch("--version");
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).contains("stl-listing ");
        assertThat(archive).isRegularFile();
        assertThat(Files.readString(root.resolve("target/stl-listing.jsa.size")).trim())
                .isEqualTo(String.valueOf(Files.size(archive)));
        assertThat(root.resolve("target/stl-listing.jsa.failed")).doesNotExist();
        assertUserHomeAndTempUntouched();

        // the render command's classes, the JDK's and the program's, come from the archive (-Xshare:on: it must map)
        Path classLog = dir.resolve("classes.log");
        Path png = dir.resolve("x.png");
        Run render = launch(Map.of("JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + classLog),
                "render", root.resolve("app/samples/desk_organizer.stl").toString(), "--out", png.toString(),
                "--width", "64", "--height", "64", "--home", dir.resolve("home").toString());
        assertThat(render.code()).as(render.out()).isZero();
        assertThat(png).isRegularFile();
        String loaded = Files.readString(classLog);
        assertThat(loaded).contains("org.stllisting.cli.RenderCommand source: shared objects file",
                "org.stllisting.mesh.io.StlReader source: shared objects file",
                "org.stllisting.Main source: shared objects file");

        // made once per build: a second start uses it as it is
        long made = modified(archive);
        assertThat(launch("--version").code()).isZero();
        assertThat(modified(archive)).isEqualTo(made);

        // a truncated archive (the JVM would crash mapping it) is not used but made again
        byte[] whole = Files.readAllBytes(archive);
        Files.delete(archive);
        Files.write(archive, Arrays.copyOf(whole, 100_000));
        Run truncated = launch("--version");
        assertThat(truncated.code()).as(truncated.out()).isZero();
        assertThat(truncated.out()).contains("stl-listing ").doesNotContain("fatal error");
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(Files.readString(root.resolve("target/stl-listing.jsa.size")).trim())
                .isEqualTo(String.valueOf(Files.size(archive)));

        // a garbled archive of the right size: the JVM refuses it and starts without it
        int size = (int) Files.size(archive);
        Files.delete(archive);
        Files.write(archive, new byte[size]);
        Run garbled = launch("--version");
        assertThat(garbled.code()).as(garbled.out()).isZero();
        assertThat(garbled.out()).isEqualTo(first.out());

        assertUserHomeAndTempUntouched();
    }

    @Test
    void whenTheArchiveCannotBeMadeTheProgramStartsAndTheTrainingIsNotRepeatedUntilTheNextBuild() throws Exception {
        makeJar();
        addSample();
        // a java whose archive dumps fail (a full disk, say), counting them; everything else is the real java
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path dumps = dir.resolve("dumps.txt");
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/bash\n"
                + "case \"$*\" in *-Xshare:dump*) echo dump >>'" + dumps + "'; exit 1 ;; esac\n"
                + "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("PATH", bin + File.pathSeparator + System.getenv("PATH"));
        Path failed = root.resolve("target/stl-listing.jsa.failed");

        Run first = launch(env, "--version");
        assertThat(first.code()).as(first.out()).isZero();
        assertThat(first.out()).startsWith("stl-listing ");
        assertThat(archive).doesNotExist();
        assertThat(failed).exists();
        assertThat(Files.readAllLines(dumps)).hasSize(1);
        assertUserHomeAndTempUntouched();

        Run second = launch(env, "inspect", root.resolve("app/samples/desk_organizer.stl").toString(), "--json");
        assertThat(second.code()).as(second.out()).isZero();
        assertThat(second.out()).contains("\"facets\" : 320");
        assertThat(Files.readAllLines(dumps)).as("not retried").hasSize(1);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 2000));
        assertThat(launch(env, "--version").code()).isZero();
        assertThat(Files.readAllLines(dumps)).as("retried for a new build").hasSize(2);
    }

    @Test
    void withoutASampleThereIsNoTrainingAndTheProgramStarts() throws Exception {
        makeJar();
        Run run = launch("--version");
        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("stl-listing ");
        assertThat(archive).doesNotExist();
        assertThat(root.resolve("target/stl-listing.jsa.failed")).doesNotExist();
    }

    @Test
    void jvmOptionsFollowTheKindOfWork() throws Exception {
        makeJar();
        Path stl = root.resolve("part.stl");
        Files.copy(PROJECT.resolve("app/samples/desk_organizer.stl"), stl);
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        String still = launch(flags, "render", stl.toString(), "--out", dir.resolve("a.png").toString(),
                "--width", "64", "--height", "64").out();
        assertThat(still).contains("-XX:TieredStopAtLevel=1", "-XX:Tier3BackEdgeThreshold=2000",
                "-XX:+UseSerialGC", "-XX:NewSize=50331648");
        String video = launch(flags, "render", stl.toString(), "--out", dir.resolve("a.mp4").toString(),
                "--seconds", "0.1").out();
        assertThat(video).contains("-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel")
                .doesNotContain("Tier3BackEdgeThreshold");
        String inspect = launch(flags, "inspect", stl.toString()).out();
        assertThat(inspect).contains("-XX:TieredStopAtLevel=1").doesNotContain("Tier3BackEdgeThreshold");
        // every command keeps the shading passes apart (the option names them by their prefix)
        for (String out : List.of(still, video, inspect)) {
            assertThat(out).contains(PASSES_APART);
        }
    }

    /** The window gets a collector tuned for it; a long run (here the bench) keeps the JVM's defaults. */
    @Test
    void theWindowHasItsOwnCollectorOptions() throws Exception {
        makeJar();
        // -version: the JVM prints its flags and version and stops before the program (no window opens)
        Map<String, String> flags = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -version");
        for (String[] args : List.of(new String[0], new String[] {"gui"})) {
            String window = launch(flags, args).out();
            assertThat(window).as(String.join(" ", args)).contains("-XX:MaxGCPauseMillis=20", "-XX:GCTimeRatio=4",
                    "-XX:MaxNewSize=167772160", PASSES_APART);
        }
        String bench = launch(flags, "bench", "--only", "window").out();
        assertThat(bench).doesNotContain("-XX:MaxGCPauseMillis=20").doesNotContain("-XX:GCTimeRatio=4")
                .doesNotContain("-XX:MaxNewSize=167772160").contains(PASSES_APART);
    }

    private static final String PASSES_APART = "-XX:CompileCommand=dontinline,org.stllisting.render.Look::pass*";

    /** The launcher's option names the renderer's shading passes: they exist under that prefix, and only they. */
    @Test
    void theShadingPassesTheLauncherKeepsApartExist() throws Exception {
        Class<?> look = Class.forName("org.stllisting.render.Look");
        List<String> passes = new ArrayList<>();
        for (java.lang.reflect.Method m : look.getDeclaredMethods()) {
            if (m.getName().startsWith("pass")) {
                passes.add(m.getName());
                // each is a pass over arrays of points: it returns nothing and takes the number of points last
                assertThat(m.getReturnType()).as(m.getName()).isEqualTo(void.class);
                Class<?>[] p = m.getParameterTypes();
                assertThat(p[p.length - 1]).as(m.getName()).isEqualTo(int.class);
            }
        }
        assertThat(passes).hasSizeGreaterThanOrEqualTo(15).contains("passDot", "passAddScaled", "passCombine");
        assertThat(Files.readString(PROJECT.resolve("app/stl-listing"))).contains(PASSES_APART.substring(
                "-XX:CompileCommand=".length()));
    }
}
