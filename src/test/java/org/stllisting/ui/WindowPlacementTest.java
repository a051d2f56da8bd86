package org.stllisting.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.stllisting.store.ConfigStore;

class WindowPlacementTest {
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1600, 972);
    private static final Rectangle2D RIGHT = new Rectangle2D(1600, 0, 1920, 1050);

    private static ConfigStore.Window saved(double x, double y, double w, double h) {
        ConfigStore.Window s = new ConfigStore.Window();
        s.x = x;
        s.y = y;
        s.width = w;
        s.height = h;
        return s;
    }

    @Test
    void theFirstLaunchOpensAtAComfortableSizeCentredOnTheMainScreen() {
        assertThat(WindowPlacement.place(null, List.of(LAPTOP))).isEqualTo(new Rectangle2D(250, 126, 1100, 720));
        // a small screen: the whole screen, never more
        assertThat(WindowPlacement.place(null, List.of(new Rectangle2D(0, 24, 1024, 576))))
                .isEqualTo(new Rectangle2D(0, 24, 1024, 576));
    }

    @Test
    void theSavedSizeAndPlaceComeBack() {
        assertThat(WindowPlacement.place(saved(1700, 40, 1300, 800), List.of(LAPTOP, RIGHT)))
                .isEqualTo(new Rectangle2D(1700, 40, 1300, 800));
    }

    @Test
    void aWindowPartlyOffItsScreenIsPulledBackOntoIt() {
        assertThat(WindowPlacement.place(saved(900, 600, 1300, 800), List.of(LAPTOP)))
                .isEqualTo(new Rectangle2D(300, 172, 1300, 800));
        assertThat(WindowPlacement.place(saved(-50, -50, 2500, 1400), List.of(LAPTOP))).isEqualTo(LAPTOP);
    }

    @Test
    void aWindowOnAScreenThatIsGoneOpensOnTheMainScreen() {
        assertThat(WindowPlacement.place(saved(2000, 100, 1200, 700), List.of(LAPTOP)))
                .isEqualTo(new Rectangle2D(200, 136, 1200, 700));
    }

    @Test
    void aTinySavedSizeIsNotRestored() {
        assertThat(WindowPlacement.place(saved(252, 158, 200, 200), List.of(LAPTOP)))
                .isEqualTo(new Rectangle2D(250, 126, 1100, 720));
    }
}
