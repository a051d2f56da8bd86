package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;
import org.stllisting.store.Home;
import org.stllisting.store.history.HistoryRecord;
import org.stllisting.store.history.HistoryStore;

/** The history keeps what validation found in a model and what repair changed in it. */
class RepairWarningsHistoryTest {
    @TempDir
    Path tmp;

    @Test
    void aModelThatFailedValidationAndWasRepairedRecordsBothInItsHistoryWarnings() throws Exception {
        Path home = tmp.resolve("home");
        TinyRuns.installTinyTemplate(home, false);
        // one facet missing (a hole), two wound the wrong way, one written twice, one zero-area sliver
        Path model = tmp.resolve("src/bracket.stl");
        java.nio.file.Files.createDirectories(model.getParent());
        StlWriter.writeBinary(SampleModels.bracketNeedsRepair(), model);
        Path clean = tmp.resolve("src/clean.stl");
        StlWriter.writeBinary(SampleModels.wallBracket(), clean);

        TinyRuns.Outcome r = TinyRuns.cli("--home", home.toString(), "run", model.toString(), clean.toString(),
                "--out", tmp.resolve("out").toString(), "--template", "tiny");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        HistoryStore history = HistoryStore.open(Home.at(home).historyDb());
        HistoryRecord row = history.similar(model).get(0);
        assertThat(history.similar(clean).get(0).warnings()).isEmpty();
        assertThat(row.validationPassed()).isFalse();
        assertThat(row.warnings()).anySatisfy(w -> assertThat(w).startsWith("validation failed")
                .contains("open edges"));
        assertThat(row.warnings()).anySatisfy(w -> assertThat(w).startsWith("validation:").contains("flipped"));
        assertThat(row.warnings()).anySatisfy(w -> assertThat(w).startsWith("repair changed the mesh")
                .contains("1 hole filled").contains("2 facets reversed"));
    }
}
