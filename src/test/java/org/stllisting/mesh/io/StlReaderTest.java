package org.stllisting.mesh.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;


import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Corpus;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.analyze.MeshAnalysis;
import org.stllisting.mesh.analyze.MeshAnalyzer;
import org.stllisting.mesh.gen.MeshGenerators;

class StlReaderTest {
    @TempDir
    Path dir;

    @Test
    void binaryRoundTripKeepsEveryCoordinateAndMergesSharedCorners() throws Exception {
        Mesh torus = MeshGenerators.torus(20, 5, 64, 32);
        Path f = dir.resolve("torus.stl");
        StlWriter.writeBinary(torus, f);
        assertThat(Files.size(f)).isEqualTo(84 + 50L * torus.facetCount());
        StlFile read = StlReader.readFile(f);
        assertThat(read.format()).isEqualTo(StlFormat.BINARY);
        assertThat(read.mesh().facetCount()).isEqualTo(torus.facetCount());
        assertThat(read.mesh().vertexCount()).isEqualTo(torus.vertexCount());
        assertThat(corners(read.mesh())).isEqualTo(corners(torus));
    }

    @Test
    void asciiRoundTripReadsTheSameFloats() throws Exception {
        Mesh sphere = MeshGenerators.sphere(7.3f, 24, 48);
        Path f = dir.resolve("sphere.stl");
        StlWriter.writeAscii(sphere, f, "ball");
        StlFile read = StlReader.readFile(f);
        assertThat(read.format()).isEqualTo(StlFormat.ASCII);
        assertThat(read.header()).isEqualTo("ball");
        assertThat(corners(read.mesh())).isEqualTo(corners(sphere));
        assertThat(read.mesh().vertexCount()).isEqualTo(sphere.vertexCount());
    }

    @Test
    void binaryWhoseHeaderStartsWithSolidIsReadAsBinary() throws Exception {
        Mesh box = MeshGenerators.box(1, 2, 3);
        Path f = dir.resolve("solid-header.stl");
        StlWriter.writeBinary(box, f);
        byte[] bytes = Files.readAllBytes(f);
        byte[] solid = "solid box exported by some CAD".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(solid, 0, bytes, 0, solid.length);
        Files.write(f, bytes);
        StlFile read = StlReader.readFile(f);
        assertThat(read.format()).isEqualTo(StlFormat.BINARY);
        assertThat(read.mesh().facetCount()).isEqualTo(12);
    }

    @Test
    void largeFileReadInTwoHalvesMergesVerticesAcrossTheSeam() throws Exception {
        Mesh sphere = MeshGenerators.sphere(30, 300, 500); // 299,000 facets: read by two threads
        Path f = dir.resolve("big.stl");
        StlWriter.writeBinary(sphere, f);
        Mesh read = StlReader.read(f);
        assertThat(read.vertexCount()).isEqualTo(sphere.vertexCount());
        assertThat(corners(read)).isEqualTo(corners(sphere));
        byte[] bytes = Files.readAllBytes(f);
        int facet = 250_000;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 50 * facet + 12 + 24 + 8,
                Float.POSITIVE_INFINITY);
        Files.write(f, bytes);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("facet " + (facet + 1))
                .satisfies(e -> assertThat(((MeshReadException) e).offset()).isEqualTo(84 + 50L * facet + 12 + 24));
    }

    @Test
    void negativeZeroIsTheSamePointAsZeroOnBothReadingThreads() throws Exception {
        Mesh sphere = MeshGenerators.sphere(30, 300, 500); // read by two threads
        Path f = dir.resolve("zeros.stl");
        StlWriter.writeBinary(sphere, f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // corner 0 of facets 10 and 200,000 at (0, 0, -0) and (-0, 0, 0); corner 1 of facet 11 at (0, 0, 0)
        for (int[] fc : new int[][] {{10, 0, 2}, {200_000, 0, 0}}) {
            int at = 84 + 50 * fc[0] + 12 + 12 * fc[1];
            b.putFloat(at, 0f).putFloat(at + 4, 0f).putFloat(at + 8, 0f).putFloat(at + 4 * fc[2], -0f);
        }
        b.putFloat(84 + 50 * 11 + 24, 0f).putFloat(84 + 50 * 11 + 28, 0f).putFloat(84 + 50 * 11 + 32, 0f);
        Files.write(f, bytes);
        Mesh read = StlReader.read(f);
        int[] t = read.triangles();
        assertThat(t[3 * 10]).isEqualTo(t[3 * 11 + 1]).isEqualTo(t[3 * 200_000]);
        float[] v = read.vertices();
        for (int d = 0; d < 3; d++) {
            assertThat(Float.floatToRawIntBits(v[3 * t[3 * 10] + d])).isZero();
        }
    }

    @Test
    void emptyFileIsAClearError() throws Exception {
        Path f = Files.createFile(dir.resolve("empty.stl"));
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("empty.stl").hasMessageContaining("empty");
    }

    @Test
    void missingFileNamesTheFile() {
        Path f = dir.resolve("nope.stl");
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("nope.stl").hasMessageContaining("no such file");
    }

    @Test
    void headerClaimingMoreFacetsThanPresentIsTruncation() throws Exception {
        Path f = dir.resolve("short.stl");
        StlWriter.writeBinary(MeshGenerators.box(1, 1, 1), f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(80, 1_000_000_000);
        Files.write(f, bytes);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("1000000000 facets").hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((MeshReadException) e).offset()).isEqualTo(bytes.length));
    }

    @Test
    void headerClaimingFewerFacetsThanPresentReadsThoseAndWarns() throws Exception {
        Path f = dir.resolve("undercount.stl");
        StlWriter.writeBinary(MeshGenerators.box(1, 1, 1), f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(80, 10);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 7); // two facets and 7 stray bytes past the count
        Files.write(f, longer);
        StlFile read = StlReader.readFile(f);
        assertThat(read.mesh().facetCount()).isEqualTo(10);
        assertThat(read.warnings()).singleElement().asString().contains(f.toString())
                .contains("promises 10 facets").contains("107 bytes").contains("2 more facet records");
    }

    @Test
    void readingSmallBinaryFilesHoldsLittleDirectMemory() throws Exception {
        Path f = dir.resolve("small.stl");
        StlWriter.writeBinary(MeshGenerators.box(1, 1, 1), f);
        java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
                .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        long before = direct.getMemoryUsed();
        for (int i = 0; i < 50; i++) {
            assertThat(StlReader.read(f).facetCount()).isEqualTo(12);
        }
        // a garbage collection in between can only make the growth smaller; 50 reads of 400 KB were 20 MB
        assertThat(direct.getMemoryUsed() - before).isLessThan(1 << 20);
    }

    @Test
    void truncatedBinaryIsAnError() throws Exception {
        Path f = dir.resolve("cut.stl");
        StlWriter.writeBinary(MeshGenerators.box(1, 1, 1), f);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void nanCoordinateIsAnErrorWithItsOffset() throws Exception {
        Path f = dir.resolve("nan.stl");
        StlWriter.writeBinary(MeshGenerators.box(1, 1, 1), f);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 50 * 3 + 12 + 4, Float.NaN);
        Files.write(f, bytes);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("facet 4").hasMessageContaining("non-finite")
                .satisfies(e -> assertThat(((MeshReadException) e).offset()).isEqualTo(84 + 50 * 3 + 12));
    }

    @Test
    void infinityInAsciiNamesTheLine() throws Exception {
        Path f = dir.resolve("inf.stl");
        Files.writeString(f, """
                solid x
                facet normal 0 0 1
                outer loop
                vertex 0 0 0
                vertex 1 0 inf
                vertex 0 1 0
                endloop
                endfacet
                endsolid x
                """);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("line 5").hasMessageContaining("non-finite");
    }

    @Test
    void nonStlContentIsRejected() throws Exception {
        Path f = dir.resolve("photo.stl");
        byte[] junk = new byte[5000];
        new java.util.Random(1).nextBytes(junk);
        Files.write(f, junk);
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("photo.stl");
        Path txt = dir.resolve("notes.stl");
        Files.writeString(txt, "hello, this is a text file\n");
        assertThatThrownBy(() -> StlReader.read(txt)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("not");
    }

    @Test
    void asciiLineLongerThanTheLimitStopsEarly() throws Exception {
        Path f = dir.resolve("long.stl");
        Files.writeString(f, "solid x\nfacet normal 0 0 1" + " ".repeat(100_000) + "\n");
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("line longer than");
    }

    @Test
    void truncatedAsciiFacetIsAnError() throws Exception {
        Path f = dir.resolve("cut.stl");
        Files.writeString(f, "solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0");
        assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void severalSolidBlocksAreReadIntoOneMesh() throws Exception {
        Path f = dir.resolve("two.stl");
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {"a", "b"}) {
            sb.append("SOLID ").append(name).append('\n');
            sb.append("Facet Normal 0 0 1\n Outer Loop\n  Vertex 0 0 0\n  Vertex 1 0 0\n  Vertex 0 1 0\n"
                    + " EndLoop\nEndFacet\n");
            sb.append("endsolid ").append(name).append('\n');
        }
        Files.writeString(f, sb);
        StlFile read = StlReader.readFile(f);
        assertThat(read.solids()).isEqualTo(2);
        assertThat(read.mesh().facetCount()).isEqualTo(2);
    }

    @Test
    void admeshAsciiAndBinaryBlockGiveIdenticalAnalysis() throws Exception {
        Path ascii = Corpus.file("admesh/test/block/basic.stl");
        Path binary = Corpus.file("admesh/test/block/binary.stl");
        StlFile a = StlReader.readFile(ascii);
        StlFile b = StlReader.readFile(binary);
        assertThat(a.format()).isEqualTo(StlFormat.ASCII);
        assertThat(b.format()).isEqualTo(StlFormat.BINARY);
        MeshAnalysis ma = MeshAnalyzer.analyze(a.mesh(), 1.24);
        MeshAnalysis mb = MeshAnalyzer.analyze(b.mesh(), 1.24);
        assertThat(ma.facets()).isEqualTo(mb.facets()).isEqualTo(12);
        assertThat(ma.volumeMm3()).isEqualTo(mb.volumeMm3());
        assertThat(ma.volumeMm3()).isCloseTo(61.023746, within(1e-5));
        assertThat(ma.areaMm2()).isEqualTo(mb.areaMm2());
        assertThat(ma.sizeMm()).containsExactly(mb.sizeMm());
        assertThat(ma.centerOfMass()).containsExactly(mb.centerOfMass());
        assertThat(ma.watertight()).isTrue();
    }

    @Test
    void trimeshEmptyFilesGiveClearErrors() {
        for (String name : new String[] {"trimesh/empty.stl", "trimesh/emptyIO/stl_empty_ascii.stl",
            "trimesh/emptyIO/stl_empty_bin.stl"}) {
            Path f = Corpus.file(name);
            assertThatThrownBy(() -> StlReader.read(f)).isInstanceOf(MeshReadException.class)
                    .hasMessageContaining(f.getFileName().toString()).hasMessageContaining("no facets");
        }
    }

    @Test
    void trimeshFilesWithSeveralSolidsAndBodies() throws Exception {
        StlFile two = StlReader.readFile(Corpus.file("trimesh/two_objects_mixed_case_names.stl"));
        assertThat(two.solids()).isEqualTo(2);
        assertThat(two.mesh().facetCount()).isEqualTo(24);
        MeshAnalysis twoA = MeshAnalyzer.analyze(two.mesh(), 1.24);
        assertThat(twoA.shells()).isEqualTo(2);
        StlFile multi = StlReader.readFile(Corpus.file("trimesh/multibody.stl"));
        assertThat(multi.solids()).isEqualTo(2);
        assertThat(MeshAnalyzer.analyze(multi.mesh(), 1.24).shells()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void everyTrimeshModelReads() throws Exception {
        for (String name : new String[] {"20mm-xyz-cube.stl", "7_8ths_cube.stl", "cylinder.stl", "round.stl",
            "teapot.stl", "torus.STL", "unit_sphere.STL"}) {
            Mesh m = StlReader.read(Corpus.file("trimesh/" + name));
            assertThat(m.facetCount()).as(name).isPositive();
        }
        MeshAnalysis cube = MeshAnalyzer.analyze(StlReader.read(Corpus.file("trimesh/20mm-xyz-cube.stl")), 1.24);
        assertThat(cube.sizeMm()).containsExactly(new double[] {20, 20, 20}, within(1e-3));
        assertThat(cube.volumeMm3()).isCloseTo(8000, within(8000 * 0.05));
    }

    static float[] corners(Mesh m) {
        float[] out = new float[m.triangles().length * 3];
        int k = 0;
        for (int i : m.triangles()) {
            out[k++] = m.vertices()[3 * i];
            out[k++] = m.vertices()[3 * i + 1];
            out[k++] = m.vertices()[3 * i + 2];
        }
        return out;
    }

}
