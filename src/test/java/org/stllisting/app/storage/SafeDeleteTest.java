package org.stllisting.app.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.cli.Chattr;

/** The one deleting class on real files: links, hard links, sources, roots, and files that cannot go. */
class SafeDeleteTest {
    @TempDir
    Path tmp;

    private Path file(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    /**
     * {@code home/cache/job_cache/job_1} holding a checkpoint, a link to {@code models/a.stl}, a link to the folder
     * {@code elsewhere/} (with {@code keep.txt}) and a hard link to the source.
     */
    private Path linkedCache() throws Exception {
        Path source = file(tmp.resolve("models/a.stl"), "solid a");
        Path outsideDir = tmp.resolve("elsewhere");
        file(outsideDir.resolve("keep.txt"), "keep me");
        Path cache = tmp.resolve("home/cache/job_cache/job_1");
        file(cache.resolve("processing_state.json"), "{}");
        Files.createSymbolicLink(cache.resolve("source.stl"), source);
        Files.createSymbolicLink(cache.resolve("folder"), outsideDir);
        Files.createLink(cache.resolve("hard.stl"), source);
        return cache;
    }

    @Test
    void linksInsideAFolderAreRemovedAsLinksAndWhatTheyPointToStays() throws Exception {
        Path home = tmp.resolve("home");
        Path cache = linkedCache();
        Path source = tmp.resolve("models/a.stl");
        Path outsideDir = tmp.resolve("elsewhere");
        Path kept = outsideDir.resolve("keep.txt");
        assertThat(Files.getAttribute(source, "unix:nlink")).isEqualTo(2);

        SafeDelete d = new SafeDelete(new SourceGuard().add(source.toString()));
        assertThat(d.delete(home, cache)).isTrue();

        assertThat(d.problems()).isEmpty();
        assertThat(cache).doesNotExist();
        assertThat(Files.readString(source)).isEqualTo("solid a");
        assertThat(Files.getAttribute(source, "unix:nlink")).isEqualTo(1);
        assertThat(Files.readString(kept)).isEqualTo("keep me");
        assertThat(outsideDir.resolve("keep.txt")).exists();
    }

    @Test
    void byPathTheSameLinksAreRemovedAsLinksAndSourcesKept() throws Exception {
        Path home = tmp.resolve("home");
        Path cache = linkedCache();
        Path source = tmp.resolve("models/a.stl");
        Path outsideDir = tmp.resolve("elsewhere");
        Path kept = outsideDir.resolve("keep.txt");
        Path inside = file(home.resolve("cache/job_cache/job_2/model.stl"), "a source kept in the home");

        SafeDelete d = SafeDelete.byPath(new SourceGuard().add(source.toString()).add(inside.toString()));
        assertThat(d.delete(home, cache)).isTrue();
        assertThat(d.delete(home, inside.getParent())).isFalse();
        assertThat(d.delete(home, home.resolve("cache/job_cache/x/../../../../elsewhere/keep.txt"))).isFalse();

        assertThat(cache).doesNotExist();
        assertThat(source).hasContent("solid a");
        assertThat(Files.getAttribute(source, "unix:nlink")).isEqualTo(1);
        assertThat(kept).hasContent("keep me");
        assertThat(inside).hasContent("a source kept in the home");
        assertThat(d.problems()).hasSize(2);
    }

    @Test
    void aSymlinkGivenAsTheTargetIsRemovedAsALink() throws Exception {
        Path home = tmp.resolve("home");
        Path outsideDir = tmp.resolve("elsewhere");
        file(outsideDir.resolve("keep.txt"), "keep me");
        Files.createDirectories(home.resolve("cache/job_cache"));
        Path link = Files.createSymbolicLink(home.resolve("cache/job_cache/job_2"), outsideDir);

        SafeDelete d = new SafeDelete(SourceGuard.none());
        assertThat(d.delete(home, link)).isTrue();

        assertThat(Files.exists(link, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(outsideDir.resolve("keep.txt")).hasContent("keep me");
    }

    @Test
    void nothingOutsideTheRootNorBehindALinkThatLeavesIt() throws Exception {
        Path home = tmp.resolve("home");
        Path outsideDir = tmp.resolve("elsewhere");
        Path victim = file(outsideDir.resolve("victim.txt"), "mine");
        Files.createDirectories(home.resolve("cache/job_cache"));
        Files.createSymbolicLink(home.resolve("cache/job_cache/via"), outsideDir);

        SafeDelete d = new SafeDelete(SourceGuard.none());
        assertThat(d.delete(home, victim)).isFalse();
        assertThat(d.delete(home, home.resolve("cache/job_cache/via/victim.txt"))).isFalse();
        assertThat(d.delete(home, home.resolve("cache/../../elsewhere/victim.txt"))).isFalse();

        assertThat(victim).hasContent("mine");
        assertThat(d.problems()).hasSize(3);
        assertThat(d.problems().get(1).reason()).contains("a link on the way leads outside");
    }

    @Test
    void aSourceFileIsNeverRemovedNotEvenUnderAnotherName() throws Exception {
        Path home = tmp.resolve("home");
        Path inside = file(home.resolve("cache/job_cache/job_3/model.stl"), "solid in home");
        // the same file recorded under another path: a link to its folder
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), inside.getParent());

        SafeDelete byPath = new SafeDelete(new SourceGuard().add(inside.toString()));
        assertThat(byPath.delete(home, inside.getParent())).isFalse();
        assertThat(inside).hasContent("solid in home");
        assertThat(byPath.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(inside);
            assertThat(p.reason()).contains("source file of a job");
        });

        SafeDelete byKey = new SafeDelete(new SourceGuard().add(alias.resolve("model.stl").toString()));
        assertThat(byKey.delete(home, inside)).isFalse();
        assertThat(inside).hasContent("solid in home");
    }

    @Test
    void anImmutableFileIsReportedWithTheSystemsReasonAndTheRestIsRemoved() throws Exception {
        Path home = tmp.resolve("home");
        Path cache = home.resolve("cache/job_cache/job_4");
        Path stuck = file(cache.resolve("stuck/locked.png"), "png");
        Path other = file(cache.resolve("other.png"), "png");
        Path next = file(home.resolve("cache/job_cache/job_5/a.png"), "png");
        assumeTrue(Chattr.set("+i", stuck), "chattr +i is not available here");
        try {
            SafeDelete d = new SafeDelete(SourceGuard.none());
            assertThat(d.delete(home, cache)).isFalse();
            assertThat(d.delete(home, next.getParent())).isTrue();

            assertThat(d.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo(stuck);
                assertThat(p.reason()).isEqualTo("Operation not permitted");
            });
            assertThat(stuck).exists();
            assertThat(other).doesNotExist();
            assertThat(next.getParent()).doesNotExist();
        } finally {
            Chattr.set("-i", stuck);
        }
    }

    @Test
    void aReadOnlyFolderStopsDeletionWhereThePermissionsApply() throws Exception {
        Path home = tmp.resolve("home");
        Path dir = home.resolve("cache/thumbnails");
        Path thumb = file(dir.resolve("job_1_96.png"), "png");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // as root (or with CAP_DAC_OVERRIDE) permissions deny nothing: then this case cannot be made here
            boolean permissionsApply;
            try {
                Files.delete(Files.createFile(dir.resolve("probe")));
                permissionsApply = false;
            } catch (java.nio.file.AccessDeniedException e) {
                permissionsApply = true;
            }
            assumeTrue(permissionsApply, "permissions do not stop this user (root)");
            SafeDelete d = new SafeDelete(SourceGuard.none());
            assertThat(d.delete(home, thumb)).isFalse();
            assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("Permission denied"));
            assertThat(thumb).exists();
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void sizesAndCountsOfWhatWasRemoved() throws Exception {
        Path home = tmp.resolve("home");
        Path cache = home.resolve("cache/job_cache/job_6");
        file(cache.resolve("a"), "x".repeat(1000));
        file(cache.resolve("sub/b"), "y".repeat(24));
        List<Path> seen = new java.util.ArrayList<>();
        SafeDelete d = new SafeDelete(SourceGuard.none(), (p, b) -> seen.add(p));
        assertThat(d.delete(home, cache)).isTrue();
        assertThat(d.bytesRemoved()).isEqualTo(1024);
        assertThat(d.filesRemoved()).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder(cache.resolve("a"), cache.resolve("sub/b"), cache.resolve("sub"),
                cache);
    }
}
