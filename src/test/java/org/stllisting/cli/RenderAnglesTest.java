package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;

/** A camera angle out of range is refused with the option that is wrong, its value and the range. */
class RenderAnglesTest {
    @TempDir
    Path dir;

    /** {@code render box.stl --out box.png OPTION VALUE}. */
    private TinyRuns.Outcome render(String option, String value) throws Exception {
        Path stl = dir.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), stl);
        return TinyRuns.cli("--home", dir.resolve("home").toString(), "render", stl.toString(), "--out",
                dir.resolve("box.png").toString(), option, value);
    }

    @Test
    void anElevationOf90IsAnElevationErrorThatDoesNotMentionTheAzimuth() throws Exception {
        TinyRuns.Outcome r = render("--elevation", "90");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("stl-listing: elevation 90").contains("-89.9").contains("89.9")
                .doesNotContainIgnoringCase("azimuth").hasLineCount(1);
        assertThat(dir.resolve("box.png")).doesNotExist();
    }

    @Test
    void anAzimuthThatIsNotANumberIsAnAzimuthError() throws Exception {
        TinyRuns.Outcome r = render("--azimuth", "NaN");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("stl-listing: azimuth").doesNotContainIgnoringCase("elevation")
                .hasLineCount(1);
    }
}
