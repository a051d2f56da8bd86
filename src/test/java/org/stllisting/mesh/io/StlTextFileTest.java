package org.stllisting.mesh.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;

/** A text file renamed {@code .stl} is "not an STL file", never a binary STL claiming millions of facets. */
class StlTextFileTest {
    @TempDir
    Path dir;

    @Test
    void aTextFileRenamedStlIsNotAnStlFileAndSaysWhatItStartsWith() throws Exception {
        Path f = dir.resolve("readme.stl");
        // bytes 80-83 read as a binary STL's facet count claim about two billion facets
        StringBuilder text = new StringBuilder("Thank you for downloading this model! Print it at 0.2 mm.\n");
        while (text.length() < 3000) {
            text.append("Supports are not needed; the base is flat and the overhangs stay under 45 degrees.\n");
        }
        Files.writeString(f, text, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("readme.stl").hasMessageContaining("not an STL file")
                .hasMessageContaining("text").hasMessageContaining("Thank you for downloading")
                .hasMessageNotContainingAny("claims", "facets", "truncated");
    }

    @Test
    void aShortTextFileAndOneInUtf8WithAccentsAreTextToo() throws Exception {
        Path f = dir.resolve("notes.stl");
        Files.writeString(f, "Modèle imprimé en PLA, échelle 1:1 — merci ! ".repeat(4), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StlReader.read(f)).hasMessageContaining("not an STL file")
                .hasMessageContaining("text").hasMessageNotContaining("claims");
    }

    @Test
    void aTruncatedBinaryStlWithATextHeaderIsStillTruncation() throws Exception {
        Path f = dir.resolve("cut.stl");
        StlWriter.writeBinary(MeshGenerators.box(10, 10, 10), f);
        byte[] all = Files.readAllBytes(f);
        byte[] cut = java.util.Arrays.copyOf(all, all.length - 20);
        System.arraycopy("Exported by a CAD program for you".getBytes(StandardCharsets.US_ASCII), 0, cut, 0, 33);
        Files.write(f, cut);
        assertThatThrownBy(() -> StlReader.read(f)).hasMessageContaining("truncated");
        assertThat(cut.length).isGreaterThan(84);
    }
}
