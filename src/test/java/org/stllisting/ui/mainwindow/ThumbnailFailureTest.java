package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A thumbnail that could not be made is not asked for again each time its row is shown. */
class ThumbnailFailureTest {
    @Test
    void aFailedThumbnailIsNotRequestedAgainUntilItsJobIsForgotten() throws Exception {
        ThumbnailCache<String, String> cache = new ThumbnailCache<>(4);
        assertThat(cache.request("damaged")).isTrue();
        assertThat(cache.takeNewest()).isEqualTo("damaged");
        cache.failed("damaged");

        for (int i = 0; i < 10; i++) { // the row scrolls into view again and again
            assertThat(cache.request("damaged")).isFalse();
        }
        assertThat(cache.waiting()).isZero();
        assertThat(cache.request("good")).isTrue();

        cache.forget("damaged");
        assertThat(cache.request("damaged")).isTrue();
    }

    @Test
    void theFailuresRememberedAreBounded() {
        ThumbnailCache<Integer, String> cache = new ThumbnailCache<>(4);
        for (int i = 0; i <= ThumbnailCache.FAILED_MAX; i++) {
            cache.failed(i);
        }
        assertThat(cache.request(0)).as("the oldest failure was let go").isTrue();
        assertThat(cache.request(ThumbnailCache.FAILED_MAX)).isFalse();
    }
}
