package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The PNG writer reuses each thread's slice arrays: a small image allocates a few times its compressed size, and
 * what an earlier, larger image left in the arrays never reaches a later one's file.
 */
class PngScratchTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A smooth picture with some noise, so that it compresses like a render. */
    private static Frame picture(int w, int h, boolean alpha, int seed) {
        int ch = alpha ? 4 : 3;
        byte[] d = new byte[w * h * ch];
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < d.length; i++) {
            int pix = i / ch;
            d[i] = (byte) ((pix % w) * 2 + pix / w + r.nextInt(4) + seed);
        }
        return new Frame(w, h, alpha, d);
    }

    @Test
    void aSmallImageIsTheSameOnAFreshThreadAndAfterALargerOne() throws Exception {
        Frame small = picture(96, 96, false, 1);
        AtomicReference<byte[]> fresh = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                fresh.set(PngWriter.encode(small, new Parallel(null, 1)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        t.join();
        Parallel par = new Parallel(null, 1);
        PngWriter.encode(picture(900, 700, true, 2), par);
        byte[] after = PngWriter.encode(small, par);
        assertThat(after).isEqualTo(fresh.get());
        java.awt.image.BufferedImage img = ImageIO.read(new ByteArrayInputStream(after));
        for (int y = 0; y < 96; y += 7) {
            for (int x = 0; x < 96; x += 5) {
                assertThat(img.getRGB(x, y)).isEqualTo(small.argb(x, y));
            }
        }
    }

    @Test
    void encodingAThumbnailTakesNoChunkOrRowArraysOfItsOwn() throws Exception {
        Parallel par = new Parallel(null, 1);
        Frame thumb = picture(96, 96, false, 3);
        int size = PngWriter.encode(thumb, par).length;
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 10; i++) {
            PngWriter.encode(thumb, par);
        }
        long perImage = (THREADS.getThreadAllocatedBytes(thread) - before) / 10;
        // what is left: the compressed slices, the chunk and the file, each copied once or twice (about 7 times
        // the file's size); a 64 KB output chunk and the filtered rows of each slice made it about 23 times
        assertThat(perImage).as("bytes allocated per 96 px PNG of " + size + " bytes").isLessThan(10L * size + 16384);
    }
}
