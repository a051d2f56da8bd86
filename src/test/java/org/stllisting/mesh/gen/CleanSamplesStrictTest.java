package org.stllisting.mesh.gen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.mesh.Mesh;
import org.stllisting.mesh.io.StlReader;
import org.stllisting.mesh.validate.Check;
import org.stllisting.mesh.validate.MeshValidator;
import org.stllisting.mesh.validate.ValidationLevel;
import org.stllisting.mesh.validate.ValidationReport;

/**
 * The README sells seven clean samples: each one, as written to an STL file and read back, passes the strictest
 * validation, self-intersections and stored normals included.
 */
class CleanSamplesStrictTest {

    @Test
    void everyCleanSamplePassesStrictValidation(@TempDir Path tmp) throws Exception {
        SampleModels.writeAll(tmp);
        List<String> failing = new ArrayList<>();
        for (String name : SampleModels.all().keySet()) {
            Mesh m = StlReader.read(tmp.resolve(name + ".stl"));
            ValidationReport r = MeshValidator.validate(m, ValidationLevel.STRICT);
            assertThat(r.selfIntersections()).as(name + " self-intersections counted").isNotNull();
            if (!r.passed()) {
                List<String> why = r.checks().stream().filter(c -> c.enforced() && !c.passed())
                        .map(Check::message).toList();
                failing.add(name + ": " + why);
            }
        }
        assertThat(failing).as("clean samples failing strict validation").isEmpty();
    }
}
