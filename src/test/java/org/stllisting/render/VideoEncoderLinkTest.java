package org.stllisting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The video's temporary file is made by the encoder process, which (like ffmpeg) opens the name it is given
 * and follows a link there: a link put at that name must be gone before the encoder starts.
 */
class VideoEncoderLinkTest {
    @TempDir
    Path tmp;

    @Test
    void aLinkAtTheTemporaryNameIsRemovedBeforeTheEncoderWrites() throws Exception {
        // an encoder that writes its input to its last argument through the shell, following links like ffmpeg
        Path encoder = tmp.resolve("fake-ffmpeg.sh");
        Files.writeString(encoder, "#!/bin/sh\nfor a; do last=$a; done\ncat > \"$last\"\n");
        Files.setPosixFilePermissions(encoder, PosixFilePermissions.fromString("rwx------"));
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "belongs to someone else\n");
        Path out = Files.createDirectories(tmp.resolve("out")).resolve("model_presentation.mp4");
        Files.createSymbolicLink(out.resolveSibling("." + out.getFileName() + ".tmp.mp4"), victim);

        VideoEncoder e = VideoEncoder.start(encoder.toString(), out, 16, 16, 8, 23, "veryfast", 1);
        byte[] frame = "frame-bytes".getBytes(StandardCharsets.US_ASCII);
        e.write(frame, 0, frame.length);
        e.finish();

        assertThat(victim).hasContent("belongs to someone else");
        assertThat(Files.isRegularFile(out, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(out)).isEqualTo(frame);
    }
}
