package org.stllisting.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.gen.MeshDamage;
import org.stllisting.mesh.gen.MeshGenerators;
import org.stllisting.mesh.gen.SampleModels;
import org.stllisting.mesh.io.StlWriter;

/**
 * The soak's queue: {@code n} different small models. They cycle through the sample models (one of which needs
 * repair), boxes, cylinders, spheres and tori, each scaled a little differently so that no two files are alike;
 * every tenth (the 8th, 18th, ...) is a download cut off mid-facet, whose job fails, so that the failed-job
 * path and its files are in the comparison too.
 */
final class SoakModels {
    private SoakModels() {
    }

    /** How model {@code i} is made, for the report. */
    static boolean isDamaged(int i) {
        return i % 10 == 7;
    }

    static List<Path> write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Map<String, Mesh> samples = SampleModels.all();
        List<String> sampleNames = new ArrayList<>(samples.keySet());
        List<Path> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (isDamaged(i)) {
                Path f = dir.resolve(String.format(Locale.ROOT, "m%03d_damaged_download.stl", i));
                SampleModels.writeBroken(f);
                files.add(f);
                continue;
            }
            float scale = 1 + 0.05f * (i / 12);
            int kind = i % 12;
            String name;
            Mesh m;
            if (kind < sampleNames.size()) {
                name = sampleNames.get(kind);
                m = samples.get(name);
            } else if (kind == 7) {
                name = "bracket_needs_repair";
                m = SampleModels.bracketNeedsRepair();
            } else {
                float s = 12 + 2 * (i % 7);
                switch (kind) {
                    case 8 -> {
                        name = "box";
                        m = MeshGenerators.box(s, s * 0.7f, s * 0.5f);
                    }
                    case 9 -> {
                        name = "cylinder";
                        m = MeshGenerators.cylinder(s / 2, s, 24 + i % 16);
                    }
                    case 10 -> {
                        name = "sphere";
                        m = MeshGenerators.sphere(s / 2, 10 + i % 8, 16 + i % 8);
                    }
                    default -> {
                        name = "torus";
                        m = MeshGenerators.torus(s / 2, s / 6, 24 + i % 12, 12);
                    }
                }
            }
            if (scale != 1) {
                m = MeshDamage.scale(m, scale);
            }
            Path f = dir.resolve(String.format(Locale.ROOT, "m%03d_%s.stl", i, name));
            StlWriter.writeBinary(m, f);
            files.add(f);
        }
        return files;
    }
}
