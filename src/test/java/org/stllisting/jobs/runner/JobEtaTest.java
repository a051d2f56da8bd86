package org.stllisting.jobs.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stllisting.jobs.steps.StepKind;

/**
 * A running job's time left ({@link QueueProgress#jobEta}): it counts down in a steady run, and a step that
 * takes longer than its share does not make it grow: the time left is then at least the rest of the other
 * steps, never more than what the work so far says. It grew with the time spent in the slow step (a turntable
 * after quick mesh steps: 4 s left at a tenth of the video, 8 s at half of it).
 */
class JobEtaTest {
    private static final List<StepKind> TURNTABLE = List.of(StepKind.LOAD, StepKind.VALIDATE, StepKind.ANALYZE,
            StepKind.RENDER, StepKind.VIDEO, StepKind.FINALIZE);

    /** Seconds at which {@code step} begins when every unit of step weight takes {@code perWeight} seconds. */
    private static double startOf(StepKind step, double perWeight) {
        double t = 0;
        for (StepKind k : TURNTABLE) {
            if (k == step) {
                return t;
            }
            t += k.weight() * perWeight;
        }
        throw new AssertionError(step);
    }

    private static int totalWeight() {
        return TURNTABLE.stream().mapToInt(StepKind::weight).sum();
    }

    @Test
    void inASteadyRunTheTimeLeftCountsDownWithTheClock() {
        double perWeight = 0.25; // 0.25 s per unit of weight: 19 s in all
        double total = totalWeight() * perWeight;
        for (StepKind step : TURNTABLE) {
            double begins = startOf(step, perWeight);
            double length = step.weight() * perWeight;
            for (double f : new double[] {0, 0.25, 0.5, 0.9}) {
                double now = begins + f * length;
                if (now < 1) {
                    continue; // too little done to know the pace
                }
                Double eta = QueueProgress.jobEta(TURNTABLE, step, f, 0, begins, f * length, null);
                assertThat(eta).as("%s at %.0f %%", step, f * 100).isNotNull();
                assertThat(eta).as("%s at %.0f %%", step, f * 100).isCloseTo(total - now, within(0.01));
            }
        }
    }

    @Test
    void aSlowStepThatSaysHowFarItIsCountsDownAndNeverGrows() {
        // quick mesh steps and render (0.1 s per unit: 3.6 s), then a video ten times slower than its share
        double before = startOf(StepKind.VIDEO, 0.1);
        double videoLength = StepKind.VIDEO.weight() * 0.1 * 10; // 40 s
        double finalizeByPace = StepKind.FINALIZE.weight() * 0.1;
        Double last = null;
        for (int i = 1; i <= 19; i++) {
            double f = i / 20.0;
            double in = f * videoLength;
            Double eta = QueueProgress.jobEta(TURNTABLE, StepKind.VIDEO, f, 0, before, in, null);
            assertThat(eta).isNotNull();
            // what the video's own pace says is left of it, and the last step at the pace of the others
            assertThat(eta).as("at %.0f %% of the video", f * 100).isCloseTo(videoLength - in + finalizeByPace,
                    within(0.01));
            if (last != null) {
                assertThat(eta).as("at %.0f %% of the video", f * 100).isLessThan(last);
            }
            last = eta;
        }
    }

    @Test
    void aSlowStepThatSaysNothingLeavesTheRestOfTheOtherStepsNotMore() {
        // the mesh steps took 2 s for their 14 units: the render (22 units) should take about 3.1 s
        double before = 2.0;
        double perWeight = before / (StepKind.LOAD.weight() + StepKind.VALIDATE.weight() + StepKind.ANALYZE.weight());
        double rest = (StepKind.VIDEO.weight() + StepKind.FINALIZE.weight()) * perWeight;
        double expected = StepKind.RENDER.weight() * perWeight;
        Double atStart = QueueProgress.jobEta(TURNTABLE, StepKind.RENDER, 0, 0, before, 0, null);
        assertThat(atStart).isCloseTo(expected + rest, within(0.01));
        Double halfway = QueueProgress.jobEta(TURNTABLE, StepKind.RENDER, 0, 0, before, expected / 2, null);
        assertThat(halfway).isCloseTo(expected / 2 + rest, within(0.01));
        // the render takes ten times as long: the time left stops at the other steps' and does not grow
        for (double in : new double[] {expected, 2 * expected, 10 * expected}) {
            assertThat(QueueProgress.jobEta(TURNTABLE, StepKind.RENDER, 0, 0, before, in, null))
                    .as("%.1f s into the render", in).isCloseTo(rest, within(0.01));
        }
    }

    @Test
    void beforeAnyStepIsTimedTheJobsEstimateSetsThePace() {
        // a resumed job: load, validate and analyze were done by an earlier attempt
        double atStart = (double) (StepKind.LOAD.weight() + StepKind.VALIDATE.weight() + StepKind.ANALYZE.weight())
                / totalWeight();
        Double eta = QueueProgress.jobEta(TURNTABLE, StepKind.RENDER, 0, atStart, 0.1, 0, 38.0);
        assertThat(eta).isCloseTo(38.0 * (1 - atStart), within(0.01));
        // no estimate and nothing timed yet: unknown
        assertThat(QueueProgress.jobEta(TURNTABLE, StepKind.LOAD, 0, 0, 0, 0.2, null)).isNull();
    }
}
