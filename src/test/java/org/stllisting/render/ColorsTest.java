package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColorsTest {
    @Test
    void theLinearToSrgbTableHoldsTheRoundedCurveAtEveryEntry() {
        int n = Colors.lutSize();
        int[] direct = new int[n];
        int[] table = new int[n];
        for (int i = 0; i < n; i++) {
            direct[i] = Colors.srgbByte(i);
            table[i] = Colors.lutEntry(i);
        }
        assertThat(table).containsExactly(direct);
        assertThat(table[0]).isZero();
        assertThat(table[n - 1]).isEqualTo(255);
    }

    @Test
    void conversionsAtTheEnds() {
        assertThat(Colors.toSrgb(0f)).isZero();
        assertThat(Colors.toSrgb(-1f)).isZero();
        assertThat(Colors.toSrgb(Float.NaN)).isZero();
        assertThat(Colors.toSrgb(1f)).isEqualTo(255);
        assertThat(Colors.toSrgb(0.5f)).isEqualTo(188);
        for (int b = 0; b < 256; b++) {
            assertThat(Colors.toSrgb(Colors.toLinear(b))).isEqualTo(b);
        }
    }
}
