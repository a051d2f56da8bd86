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
