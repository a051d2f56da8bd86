package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turntable videos are read back: container, codec, pixel format, frame count and duration. */
class TurntableTest {
    @TempDir
    Path dir;

    private static boolean encoderAvailable() {
        try {
            VideoEncoder.ffmpeg();
            return true;
        } catch (RenderException e) {
            return false;
        }
    }

    @Test
    void writesH264Mp4WithTheRequestedFramesAndEvenSize() throws Exception {
        Assumptions.assumeTrue(encoderAvailable(), "no ffmpeg");
        Path out = dir.resolve("spin.mp4");
        List<Double> progress = new ArrayList<>();
        TurntableOptions video = TurntableOptions.defaults().withSize(161, 121).withLength(1, 12);
        try (RenderService rs = new RenderService(2)) {
            rs.turntable(TestModels.lowPolyPart(), RenderOptions.defaults(), video, out, progress::add);
        }
        byte[] mp4 = Files.readAllBytes(out);
        List<String> top = topLevelBoxes(mp4);
        assertThat(top.get(0)).isEqualTo("ftyp");
        // +faststart: the index comes before the media data, so players can start streaming at once
        assertThat(top.indexOf("moov")).isGreaterThanOrEqualTo(0).isLessThan(top.indexOf("mdat"));
        String text = new String(mp4, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("avc1").contains("avcC");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(Files.list(dir)).containsExactly(out);

        Path ffprobe = Path.of("/usr/bin/ffprobe");
        if (Files.isExecutable(ffprobe)) {
            Process p = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-select_streams", "v:0",
                    "-count_frames", "-show_entries",
                    "stream=codec_name,pix_fmt,width,height,nb_read_frames:format=duration,format_name",
                    "-of", "default=noprint_wrappers=1", out.toString()).redirectErrorStream(true).start();
            String info = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(info).contains("codec_name=h264").contains("pix_fmt=yuv420p").contains("width=160")
                    .contains("height=120").contains("nb_read_frames=12").contains("mp4");
            String duration = info.lines().filter(l -> l.startsWith("duration=")).findFirst().orElseThrow();
            assertThat(Double.parseDouble(duration.substring(9))).isBetween(0.95, 1.05);
        }
    }

    @Test
    void videoIsTheSameForAnyRenderThreadCount() throws Exception {
        // frames are rendered on several threads at once and must still reach the encoder in order
        Assumptions.assumeTrue(encoderAvailable(), "no ffmpeg");
        TurntableOptions video = TurntableOptions.defaults().withSize(96, 80).withLength(1, 16);
        RenderOptions o = RenderOptions.defaults().withColor("#c0392b");
        Path one = dir.resolve("one.mp4");
        Path three = dir.resolve("three.mp4");
        try (RenderService rs = new RenderService(1)) {
            rs.turntable(TestModels.lowPolyPart(), o, video, one, null);
        }
        try (RenderService rs = new RenderService(3)) {
            rs.turntable(TestModels.lowPolyPart(), o, video, three, null);
        }
        assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
    }

    @Test
    void framesReachTheEncoderAsBt709LimitedRangeI420() throws Exception {
        int w = 4;
        int h = 2;
        // left half white, right half pure red
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 3 * (y * w + x);
                rgb[p] = (byte) 255;
                rgb[p + 1] = (byte) (x < 2 ? 255 : 0);
                rgb[p + 2] = (byte) (x < 2 ? 255 : 0);
            }
        }
        byte[] yuv = new byte[Yuv420.size(w, h)];
        Yuv420.convertRows(rgb, w, h, yuv, 0, h / 2);
        // Y: white 235, red 16 + 0.2126 * 219 = 63; U, V: white 128, 128; red 128 - 0.2126 / 1.8556 * 112 = 102, 240
        assertThat(yuv).containsExactly(235, 235, 63, 63, 235, 235, 63, 63, 128, 102, 128, 240);
        // any split of the rows gives the same bytes
        byte[] frame = new byte[64 * 48 * 3];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) (i * 131 + (i >> 7));
        }
        byte[] whole = new byte[Yuv420.size(64, 48)];
        Yuv420.convertRows(frame, 64, 48, whole, 0, 24);
        byte[] split = new byte[whole.length];
        try (RenderService rs = new RenderService(2)) {
            Yuv420.convert(frame, 64, 48, split, rs.parallel());
        }
        assertThat(split).isEqualTo(whole);
    }

    @Test
    void eitherFfmpegAloneEncodesTheVideoAndNoneGivesAClearMessage() throws Exception {
        List<String> found = new ArrayList<>();
        for (String exe : new String[] {VideoEncoder.packaged(), VideoEncoder.onPath()}) {
            if (exe != null) {
                found.add(exe);
            }
        }
        Assumptions.assumeFalse(found.isEmpty(), "no ffmpeg");
        byte[] frame = new byte[Yuv420.size(64, 48)];
        java.util.Arrays.fill(frame, (byte) 128);
        for (String exe : found) {
            Path out = dir.resolve("alone.mp4");
            try (VideoEncoder enc = VideoEncoder.start(exe, out, 64, 48, 10, 20, Turntable.X264_PRESET, 2)) {
                for (int i = 0; i < 5; i++) {
                    enc.write(frame, 0, frame.length);
                }
                enc.finish();
            }
            assertThat(topLevelBoxes(Files.readAllBytes(out))).as(exe).contains("ftyp", "moov", "mdat");
        }
        assertThat(VideoEncoder.choose(null, () -> null, () -> "/usr/bin/ffmpeg")).isEqualTo("/usr/bin/ffmpeg");
        assertThat(VideoEncoder.choose(" ", () -> "/opt/packaged/ffmpeg", () -> "/usr/bin/ffmpeg"))
                .isEqualTo("/opt/packaged/ffmpeg");
        assertThatThrownBy(() -> VideoEncoder.choose(null, () -> null, () -> null))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("need ffmpeg with libx264")
                .hasMessageContaining("apt-get install ffmpeg")
                .hasMessageContaining("STL_LISTING_FFMPEG");
    }

    @Test
    void interruptedCallerGetsCancellationAndNoFile() {
        Path out = dir.resolve("never.png");
        try (RenderService rs = new RenderService(2)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> rs.renderImage(TestModels.smoothTorus(),
                    RenderOptions.defaults().withSize(400, 300), out))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
        }
        assertThat(out).doesNotExist();
    }

    /** Types of the top-level MP4 boxes, in file order. */
    static List<String> topLevelBoxes(byte[] mp4) {
        List<String> types = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(mp4);
        int pos = 0;
        while (pos + 8 <= mp4.length) {
            long size = b.getInt(pos) & 0xffffffffL;
            String type = new String(mp4, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 1) {
                size = b.getLong(pos + 8);
            } else if (size == 0) {
                size = mp4.length - pos;
            }
            types.add(type);
            if (size < 8) {
                break;
            }
            pos += (int) size;
        }
        return types;
    }
}
