package org.stllisting.mesh.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stllisting.mesh.gen.MeshGenerators;

/** The one rule for a likely unit mistake: a whole model under 1 mm or over 5 m. */
class UnitScaleTest {
    @Test
    void modelsUnder1MmOrOver5MAreWarnedAbout() {
        assertThat(UnitScale.warning(0.047)).hasValueSatisfying(w -> assertThat(w)
                .contains("0.047 mm across").contains("exported in metres"));
        assertThat(UnitScale.warning(12000)).hasValueSatisfying(w -> assertThat(w)
                .contains("12000 mm (12.0 m) across"));
        assertThat(UnitScale.warning(1)).isEmpty();
        assertThat(UnitScale.warning(5000)).isEmpty();
        assertThat(UnitScale.warning(40)).isEmpty();
        assertThat(UnitScale.shortNote(0.047)).hasValue("Check the units: 0.047 mm across, likely exported in metres"
                + " or centimetres");
        assertThat(UnitScale.shortNote(12000)).hasValueSatisfying(w -> assertThat(w).contains("12.0 m across"));
        assertThat(UnitScale.shortNote(40)).isEmpty();
    }

    @Test
    void aMeshIsMeasuredByItsLargestSide() {
        assertThat(UnitScale.warning(MeshGenerators.box(0.02f, 0.047f, 0.01f))).isPresent();
        assertThat(UnitScale.warning(MeshGenerators.box(0.5f, 30, 0.5f))).isEmpty();
    }
}
