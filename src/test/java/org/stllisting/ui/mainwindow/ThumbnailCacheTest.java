package org.stllisting.ui.mainwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThumbnailCacheTest {

    @Test
    void holdsAtMostItsCapacityLettingTheLeastRecentlyUsedGo() {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(3);
        assertThat(c.put("a", "A")).isEmpty();
        assertThat(c.put("b", "B")).isEmpty();
        assertThat(c.put("c", "C")).isEmpty();
        assertThat(c.get("a")).isEqualTo("A"); // a is now the most recently used: b goes first
        assertThat(c.put("d", "D")).containsExactly("b");
        assertThat(c.put("e", "E")).containsExactly("c");
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.get("b")).isNull();
        assertThat(c.get("a")).isEqualTo("A");
        assertThat(c.get("d")).isEqualTo("D");
        assertThat(c.get("e")).isEqualTo("E");
    }

    @Test
    void tenThousandPutsStayWithinTheCapacity() {
        ThumbnailCache<Integer, byte[]> c = new ThumbnailCache<>(100);
        int evicted = 0;
        for (int i = 0; i < 10_000; i++) {
            evicted += c.put(i, new byte[1]).size();
        }
        assertThat(c.size()).isEqualTo(100);
        assertThat(evicted).isEqualTo(9_900);
        assertThat(c.get(9_999)).isNotNull();
        assertThat(c.get(0)).isNull();
    }

    @Test
    void servesTheNewestRequestFirst() throws Exception {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(10);
        c.request("row1");
        c.request("row2");
        c.request("row3");
        c.request("row1"); // asked again: now the newest
        assertThat(List.of(c.takeNewest(), c.takeNewest(), c.takeNewest())).containsExactly("row1", "row3", "row2");
        assertThat(c.waiting()).isZero();
    }

    @Test
    void aDroppedRequestIsNeverServed() throws Exception {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(10);
        for (int i = 0; i < 50; i++) {
            c.request("row" + i);
        }
        // the user scrolled: rows 0..39 left the view before their turn
        for (int i = 0; i < 40; i++) {
            c.drop("row" + i);
        }
        List<String> served = new ArrayList<>();
        while (c.waiting() > 0) {
            served.add(c.takeNewest());
        }
        assertThat(served).hasSize(10).allMatch(k -> Integer.parseInt(k.substring(3)) >= 40);
        assertThat(served.get(0)).isEqualTo("row49");
    }

    @Test
    void aHeldThumbnailIsNotAskedForAgain() {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(10);
        c.put("row1", "image");
        assertThat(c.request("row1")).isFalse();
        assertThat(c.waiting()).isZero();
        assertThat(c.request("row2")).isTrue();
    }

    @Test
    void forgettingLetsGoOfTheImageAndTheRequest() {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(10);
        c.put("row1", "image");
        c.request("row2");
        c.forget("row1");
        c.forget("row2");
        assertThat(c.get("row1")).isNull();
        assertThat(c.waiting()).isZero();
    }

    @Test
    void closingWakesAWaitingWorkerWithNull() throws Exception {
        ThumbnailCache<String, String> c = new ThumbnailCache<>(10);
        CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return c.takeNewest();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        c.close();
        assertThat(taken.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(c.request("row1")).isFalse();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new ThumbnailCache<String, String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
