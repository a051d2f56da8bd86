package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosers open in the user's home, then in the folder used last with the same chooser. */
class ChooserFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void aChooserOpensInTheHomeFirstThenWhereItWasUsedLast() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path exports = Files.createDirectories(tmp.resolve("exports"));
        ChooserFolders folders = new ChooserFolders(home.toFile());

        assertThat(folders.start("template")).isEqualTo(home.toFile());
        folders.used("template", exports.resolve("mine.json").toFile());
        assertThat(folders.start("template")).isEqualTo(exports.toFile());
        assertThat(folders.start("stl")).isEqualTo(home.toFile());

        FileChooser chooser = new FileChooser();
        folders.place(chooser, "template");
        assertThat(chooser.getInitialDirectory()).isEqualTo(exports.toFile());

        Files.delete(exports);
        assertThat(folders.start("template")).isEqualTo(home.toFile());
    }

    @Test
    void byDefaultTheHomeIsUserHomeAndNotTheWorkingFolder() {
        File start = new ChooserFolders().start("any");
        assertThat(start).isEqualTo(new File(System.getProperty("user.home")));
        assertThat(start.getAbsoluteFile()).isNotEqualTo(new File("").getAbsoluteFile());
    }
}
