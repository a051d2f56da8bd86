package org.stllisting.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.List;

/** What a search of dropped or typed folders queues, on real folders, files and links. */
class SourceScannerTest {
    @TempDir
    Path tmp;

    @Test
    void anOutputFolderWrittenBeforeFoldersWereMarkedIsRecognisedByItsReports() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path part = Files.writeString(models.resolve("part.stl"), "solid x\nendsolid x\n");
        Path old = Files.createDirectories(models.resolve("listings/part/source"));
        Files.writeString(models.resolve("listings/queue_summary.json"), "{}");
        Files.writeString(models.resolve("listings/processing_log.txt"), "");
        Files.writeString(old.resolve("part_repaired.stl"), "solid x\nendsolid x\n");

        SourceScanner.Result r = SourceScanner.scan(List.of(models));

        assertThat(r.stl()).containsExactly(part);
        assertThat(r.ignored()).isEmpty();
        assertThat(r.skippedLine()).isEqualTo("skipped 1 output folder of stl-listing: " + models.resolve("listings"));
    }

    @Test
    void aLinkToAFileAlsoFoundItselfIsQueuedOnceAsTheFile() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        Path links = Files.createDirectories(models.resolve("a_links"));
        Path part = Files.writeString(models.resolve("part.stl"), "solid x\nendsolid x\n");
        Files.createSymbolicLink(links.resolve("part.stl"), part);
        Path elsewhere = Files.writeString(tmp.resolve("other.stl"), "solid x\nendsolid x\n");
        Files.createSymbolicLink(links.resolve("other.stl"), elsewhere);

        SourceScanner.Result r = SourceScanner.scan(List.of(models));

        assertThat(r.stl()).containsExactlyInAnyOrder(part, links.resolve("other.stl"));
        assertThat(r.skippedLine()).isNull();
    }

    @Test
    void aFileNamedDirectlyIsTakenEvenInsideAnOutputFolder() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve(".stl-listing-output"), "");
        Path repaired = Files.writeString(out.resolve("part_repaired.stl"), "solid x\nendsolid x\n");

        assertThat(SourceScanner.scan(List.of(repaired), out).stl()).containsExactly(repaired);
        assertThat(SourceScanner.scan(List.of(out), null).stl()).isEmpty();
    }
}
