package org.stllisting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.io.StlWriter;

class RenderCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return StlListingCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void rendersPngAtTheRequestedSize() throws Exception {
        Path stl = dir.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), stl);
        Path png = dir.resolve("box.png");
        int code = run("render", stl.toString(), "--out", png.toString(), "--width", "200", "--height", "150",
                "--material", "metal", "--color", "#aabbcc", "--lighting", "dramatic", "--background",
                "transparent", "--azimuth", "-30", "--elevation", "40", "--quality", "draft");
        assertThat(code).as(err.toString()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(150);
        assertThat(img.getColorModel().hasAlpha()).isTrue();
    }

    @Test
    void sizeChartKind() throws Exception {
        Path stl = dir.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), stl);
        Path png = dir.resolve("chart.png");
        int code = run("render", stl.toString(), "--out", png.toString(), "--kind", "size-chart", "--width", "400",
                "--height", "300", "--quality", "draft");
        assertThat(code).as(err.toString()).isZero();
        assertThat(png).exists();
    }

    /** A size chart of {@code mesh} saved as {@code bracket.stl}; the exit code. */
    private int sizeChartOf(Mesh mesh) throws Exception {
        Path stl = dir.resolve("bracket.stl");
        StlWriter.writeBinary(mesh, stl);
        return run("render", stl.toString(), "--out", dir.resolve("chart.png").toString(), "--kind", "size-chart",
                "--width", "400", "--height", "300", "--quality", "draft");
    }

    /** A model exported in metres is warned about, as {@code inspect} and {@code run} do; the chart is made. */
    @Test
    void sizeChartOfAModelInMetresWarns() throws Exception {
        assertThat(sizeChartOf(MeshGenerators.box(0.03f, 0.02f, 0.047f))).as(err.toString()).isZero();
        assertThat(err.toString()).contains("bracket.stl").contains("0.047 mm across")
                .contains("exported in metres").hasLineCount(1);
        assertThat(dir.resolve("chart.png")).exists();
    }

    @Test
    void aModelInMillimetresRendersWithoutWarning() throws Exception {
        assertThat(sizeChartOf(MeshGenerators.box(30, 20, 47))).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void unreadableFileIsUsageErrorNamingTheFile() {
        Path missing = dir.resolve("missing.stl");
        int code = run("render", missing.toString(), "--out", dir.resolve("x.png").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing.stl").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void badOptionValueIsUsageError() throws Exception {
        Path stl = dir.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), stl);
        int code = run("render", stl.toString(), "--out", dir.resolve("x.png").toString(), "--lighting", "disco");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("disco").contains("studio");
        assertThat(Files.exists(dir.resolve("x.png"))).isFalse();
    }

    @Test
    void pngKindWithMp4OutputIsRejected() throws Exception {
        Path stl = dir.resolve("box.stl");
        StlWriter.writeBinary(MeshGenerators.box(30, 20, 10), stl);
        int code = run("render", stl.toString(), "--out", dir.resolve("x.mp4").toString(), "--kind", "render");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
    }
}
