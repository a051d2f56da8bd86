package org.stllisting.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes 8-bit RGB/RGBA PNG files. Rows are filtered ("Up", cheap and good on vertical gradients and smooth shading) and
 * compressed in independent slices on the render threads, like pigz: each slice is a raw deflate block ended
 * with a sync flush, and the slices concatenate into one valid zlib stream. Slice boundaries depend only on
 * the image, so the bytes are the same for any thread count. The file is written to a temporary name and
 * moved into place, so a reader never sees half a PNG.
 */
final class PngWriter {
    private static final int SLICE_ROWS = 64;
    private static final int LEVEL = 1;
    private static final int OUT_CHUNK = 1 << 16;
    /** The largest slice of filtered rows a thread keeps for the next (64 rows of 4096 px RGBA). */
    private static final int KEPT_ROWS = SLICE_ROWS * (4096 * 4 + 1);
    /**
     * Per thread: the filtered rows of a slice (the largest slice met up to {@link #KEPT_ROWS} bytes) and the
     * compressor's output chunk, reused by every slice and image the thread encodes instead of taken new for
     * each slice (a small image's slices are smaller than the chunk alone).
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        byte[] raw = new byte[0];
        final byte[] out = new byte[OUT_CHUNK];
    }

    private PngWriter() {
    }

    static void write(Frame f, Path out, Parallel par) throws IOException, InterruptedException {
        byte[] png = encode(f, par);
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + out.getFileName() + ".tmp");
        // a new file: whatever is at the temporary name (a link put there, too) is removed, never followed
        Files.deleteIfExists(tmp);
        Files.write(tmp, png, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static byte[] encode(Frame f, Parallel par) throws IOException, InterruptedException {
        int w = f.width;
        int h = f.height;
        int ch = f.channels();
        int stride = w * ch;
        int slices = (h + SLICE_ROWS - 1) / SLICE_ROWS;
        byte[][] parts = new byte[slices][];
        Adler32[] sums = new Adler32[slices];
        par.forRange(slices, 1, (from, to) -> {
            for (int sIdx = from; sIdx < to; sIdx++) {
                int y0 = sIdx * SLICE_ROWS;
                int y1 = Math.min(h, y0 + SLICE_ROWS);
                int len = (y1 - y0) * (stride + 1);
                Scratch scratch = SCRATCH.get();
                byte[] raw = scratch.raw;
                if (raw.length < len) {
                    raw = new byte[len];
                    if (len <= KEPT_ROWS) {
                        scratch.raw = raw;
                    }
                }
                int o = 0;
                for (int y = y0; y < y1; y++) {
                    raw[o++] = 2; // Up
                    int row = y * stride;
                    if (y == 0) {
                        System.arraycopy(f.data, row, raw, o, stride);
                        o += stride;
                        continue;
                    }
                    int prev = row - stride;
                    for (int i = 0; i < stride; i++) {
                        raw[o++] = (byte) (f.data[row + i] - f.data[prev + i]);
                    }
                }
                Adler32 ad = new Adler32();
                ad.update(raw, 0, len);
                sums[sIdx] = ad;
                Deflater d = new Deflater(LEVEL, true);
                try {
                    d.setInput(raw, 0, len);
                    ByteArrayOutputStream bo = new ByteArrayOutputStream(len / 4 + 64);
                    byte[] buf = scratch.out;
                    boolean last = sIdx == slices - 1;
                    if (last) {
                        d.finish();
                        while (!d.finished()) {
                            int n = d.deflate(buf);
                            bo.write(buf, 0, n);
                        }
                    } else {
                        int n;
                        do {
                            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                            bo.write(buf, 0, n);
                        } while (n == buf.length);
                    }
                    parts[sIdx] = bo.toByteArray();
                } finally {
                    d.end();
                }
            }
        });
        // Adler-32 of the whole stream from the slices' sums (combined in order)
        long adler = 1;
        for (int sIdx = 0; sIdx < slices; sIdx++) {
            int rows = Math.min(h, (sIdx + 1) * SLICE_ROWS) - sIdx * SLICE_ROWS;
            adler = adlerCombine(adler, sums[sIdx].getValue(), (long) rows * (stride + 1));
        }
        // sized up front: no copies as they grow
        int idatLength = 2 + 4;
        for (byte[] part : parts) {
            idatLength += part.length;
        }
        // signature, IHDR, sRGB, IDAT and IEND (a chunk is 12 bytes and its data)
        ByteArrayOutputStream png = new ByteArrayOutputStream(8 + 25 + 13 + 12 + idatLength + 12);
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, w);
        writeInt(ihdr, h);
        ihdr.write(8);
        ihdr.write(f.alpha ? 6 : 2);
        ihdr.write(0);
        ihdr.write(0);
        ihdr.write(0);
        chunk(png, "IHDR", ihdr.toByteArray());
        // sRGB rendering intent: perceptual
        chunk(png, "sRGB", new byte[] {0});
        ByteArrayOutputStream idat = new ByteArrayOutputStream(idatLength);
        idat.write(0x78);
        idat.write(0x5e);
        for (byte[] part : parts) {
            idat.write(part);
        }
        writeInt(idat, (int) adler);
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static final long BASE = 65521;

    /** zlib's adler32_combine. */
    static long adlerCombine(long adler1, long adler2, long len2) {
        long rem = len2 % BASE;
        long sum1 = adler1 & 0xffff;
        long sum2 = (rem * sum1) % BASE;
        sum1 += (adler2 & 0xffff) + BASE - 1;
        sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + BASE - rem;
        if (sum1 >= BASE) sum1 -= BASE;
        if (sum1 >= BASE) sum1 -= BASE;
        if (sum2 >= (BASE << 1)) sum2 -= (BASE << 1);
        if (sum2 >= BASE) sum2 -= BASE;
        return sum1 | (sum2 << 16);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        writeInt(out, data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
