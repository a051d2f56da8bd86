package org.stllisting.store.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.Home;
import org.stllisting.store.Json;

/**
 * Every single fault and every pair of faults over the queue files, on the crash image of a first session
 * (a run on an empty home, killed before its first fold) and of a later one (several folded sessions
 * behind it). One damaged file never loses an acknowledged change; two either lose nothing or say what
 * was lost. After a recovery the home is whole again: one more fault still loses nothing.
 */
class QueueStateCorruptionMatrixTest {
    @TempDir
    Path dir;

    /** The files a fault can hit. */
    enum Target {
        SNAPSHOT(h -> h.queueStateFile()),
        JOURNAL(h -> h.queueJournalFile()),
        JOURNAL_COPY(h -> QueueStateLoader.journalCopy(h)),
        BACKUP_1(h -> h.queueBackupFile(1)),
        BACKUP_1_JOURNAL(h -> QueueStateLoader.backupJournal(h, 1)),
        BACKUP_2(h -> h.queueBackupFile(2)),
        BACKUP_2_JOURNAL(h -> QueueStateLoader.backupJournal(h, 2));

        final Function<Home, Path> file;

        Target(Function<Home, Path> file) {
            this.file = file;
        }
    }

    /** What a fault does to a file. */
    enum Damage {
        DELETE, EMPTY, TRUNCATE, GARBAGE, FUTURE_VERSION, FLIP_BYTES;

        void apply(Path f) throws IOException {
            if (!Files.exists(f)) {
                return;
            }
            byte[] b = Files.readAllBytes(f);
            switch (this) {
                case DELETE -> Files.delete(f);
                case EMPTY -> Files.write(f, new byte[0]);
                case TRUNCATE -> Files.write(f, Arrays.copyOf(b, b.length / 2));
                case GARBAGE -> Files.writeString(f, "\u0000garbage\n{not json]\n");
                case FUTURE_VERSION -> Files.writeString(f, new String(b, StandardCharsets.UTF_8)
                        .replace("\"version\" : \"2.0\"", "\"version\" : \"9.9\""));
                case FLIP_BYTES -> {
                    for (int i = 10; i < b.length; i += 97) {
                        b[i] ^= 0x55;
                    }
                    Files.write(f, b);
                }
            }
        }
    }

    private static JobDto job(String id) {
        return JobDto.pending(id, "/models/" + id + ".stl");
    }

    private static QueueStateDto session(String... ids) {
        QueueStateDto s = QueueStateDto.empty();
        for (String id : ids) {
            s.jobs.add(job(id));
        }
        return s;
    }

    private static void work(QueueStateStore s, String... ids) throws IOException {
        s.addJobs(Arrays.stream(ids).map(QueueStateCorruptionMatrixTest::job).toList());
        s.updateJob(ids[0], j -> {
            j.state = JobState.RUNNING;
            j.currentStep = "render";
            j.attempts = 1;
            return j;
        });
        s.updateJob(ids[0], j -> {
            j.state = JobState.COMPLETED;
            j.progress = 100;
            return j;
        });
        s.moveJobs(List.of(ids[ids.length - 1]), 0);
    }

    private record Image(Path root, String expected) {
    }

    /** A run on an empty home: a new session, jobs added and worked on, then killed (no close, no fold). */
    private Image firstSession() throws IOException {
        Path h = dir.resolve("first-live");
        Path image = dir.resolve("first-image");
        try (QueueStateStore s = QueueStateStore.open(Home.at(h))) {
            s.replaceState(session());
            work(s, "a", "b", "c");
            PathUtils.copyDirectory(h, image);
            return new Image(image, canonical(s.snapshot()));
        }
    }

    /** Three sessions folded behind it, then a session killed half-way (changes since its last fold). */
    private Image laterSession() throws IOException {
        Path h = dir.resolve("later-live");
        Path image = dir.resolve("later-image");
        for (String n : List.of("x", "y", "z")) {
            try (QueueStateStore s = QueueStateStore.open(Home.at(h))) {
                s.replaceState(session(n + "0"));
                work(s, n + "1", n + "2");
            }
        }
        try (QueueStateStore s = QueueStateStore.open(Home.at(h))) {
            work(s, "d", "e");
            s.checkpoint();
            work(s, "f", "g");
            PathUtils.copyDirectory(h, image);
            return new Image(image, canonical(s.snapshot()));
        }
    }

    /** The queue as a user sees it: jobs, their order and fields, settings, options; not the bookkeeping. */
    private static String canonical(QueueStateDto s) throws IOException {
        QueueStateDto c = s.copy();
        c.journalSeq = 0;
        c.lastUpdated = null;
        return Json.mapper().writeValueAsString(c);
    }

    private static Path damaged(Image base, Path into, List<Target> targets, List<Damage> damages) throws IOException {
        PathUtils.deleteDirectory(into.toFile().exists() ? into : Files.createDirectories(into));
        PathUtils.copyDirectory(base.root(), into);
        Home h = Home.at(into);
        for (int i = 0; i < targets.size(); i++) {
            damages.get(i).apply(targets.get(i).file.apply(h));
        }
        return into;
    }

    @Test
    void firstSessionSingleFaultsLoseNothing() throws Exception {
        singleFaults(firstSession());
    }

    @Test
    void laterSessionSingleFaultsLoseNothing() throws Exception {
        singleFaults(laterSession());
    }

    @Test
    void firstSessionDoubleFaultsLoseNothingOrSaySo() throws Exception {
        doubleFaults(firstSession());
    }

    @Test
    void laterSessionDoubleFaultsLoseNothingOrSaySo() throws Exception {
        doubleFaults(laterSession());
    }

    private void singleFaults(Image base) throws Exception {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (Target t : Target.values()) {
            for (Damage d : Damage.values()) {
                cases++;
                String what = t + "/" + d;
                Path h = damaged(base, dir.resolve("case"), List.of(t), List.of(d));
                LoadResult r = QueueStateStore.read(Home.at(h));
                if (!canonical(r.state()).equals(base.expected()) || r.lostSomething()) {
                    failures.add(what + ": read lost changes: " + r.message());
                    continue;
                }
                // opening for writing repairs the home: the same state, the damage moved aside, and the
                // home survives one more fault on the new snapshot or journal
                try (QueueStateStore s = QueueStateStore.open(Home.at(h))) {
                    if (!canonical(s.snapshot()).equals(base.expected())) {
                        failures.add(what + ": open lost changes: " + s.load().message());
                    }
                }
                for (Target again : List.of(Target.SNAPSHOT, Target.JOURNAL, Target.BACKUP_1_JOURNAL)) {
                    Path h2 = dir.resolve("case2");
                    PathUtils.deleteDirectory(h2.toFile().exists() ? h2 : Files.createDirectories(h2));
                    PathUtils.copyDirectory(h, h2);
                    Damage.GARBAGE.apply(again.file.apply(Home.at(h2)));
                    LoadResult r2 = QueueStateStore.read(Home.at(h2));
                    if (!canonical(r2.state()).equals(base.expected())) {
                        failures.add(what + " then " + again + ": lost changes after the recovery: " + r2.message());
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(Target.values().length * Damage.values().length);
        assertThat(failures).isEmpty();
    }

    private void doubleFaults(Image base) throws Exception {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int lostCases = 0;
        Target[] ts = Target.values();
        List<Damage> kinds = List.of(Damage.DELETE, Damage.TRUNCATE, Damage.GARBAGE, Damage.FUTURE_VERSION);
        for (int i = 0; i < ts.length; i++) {
            for (int k = i + 1; k < ts.length; k++) {
                for (Damage d1 : kinds) {
                    for (Damage d2 : kinds) {
                        cases++;
                        String what = ts[i] + "/" + d1 + " + " + ts[k] + "/" + d2;
                        Path h = damaged(base, dir.resolve("case"), List.of(ts[i], ts[k]), List.of(d1, d2));
                        LoadResult r = QueueStateStore.read(Home.at(h));
                        boolean same = canonical(r.state()).equals(base.expected());
                        if (!same) {
                            lostCases++;
                            if (!r.lostSomething() || !r.message().contains("Not recovered")) {
                                failures.add(what + ": silently lost changes: " + r.message());
                            }
                        } else if (r.lostSomething()) {
                            failures.add(what + ": lost nothing but says it did: " + r.message());
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(ts.length * (ts.length - 1) / 2 * kinds.size() * kinds.size());
        assertThat(failures).isEmpty();
        System.out.printf("double faults: %d cases, %d lost something and said so%n", cases, lostCases);
    }
}
