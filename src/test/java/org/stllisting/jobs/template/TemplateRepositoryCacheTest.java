package org.stllisting.jobs.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stllisting.store.ConfigStore;

/**
 * Templates are parsed once and shared, and the user's are read again when their folder changes: a template
 * saved here is found at once, one written by another program within {@link TemplateRepository#RECHECK_MS}.
 */
class TemplateRepositoryCacheTest {
    @TempDir
    Path dir;

    private TemplateRepository repo() {
        return new TemplateRepository(dir.resolve("templates"), new ConfigStore(dir.resolve("config.json")));
    }

    @Test
    void aTemplateIsParsedOnceAndTheSameOneIsHandedOut() throws Exception {
        TemplateRepository repo = repo();
        assertThat(repo.require("quick_preview")).isSameAs(repo.require("Quick Preview"));
        Template mine = repo.require("quick_preview").copy();
        mine.name = "shop";
        mine.displayName = "Shop";
        repo.save(mine, false);
        assertThat(repo.require("shop")).isSameAs(repo.require("Shop"));
    }

    @Test
    void aSavedTemplateIsFoundAtOnceAndOneWrittenByAnotherProgramSoonAfter() throws Exception {
        TemplateRepository repo = repo();
        assertThat(repo.find("shop")).isEmpty();
        Template mine = repo.require("quick_preview").copy();
        mine.name = "shop";
        mine.displayName = "Shop";
        repo.save(mine, false);
        assertThat(repo.find("shop")).isPresent();

        // another program (or process) writes a template beside it
        Path other = dir.resolve("templates/market.json");
        String json = Files.readString(dir.resolve("templates/shop.json")).replace("\"Shop\"", "\"Market\"");
        Files.writeString(other, json);
        Thread.sleep(TemplateRepository.RECHECK_MS + 100);
        assertThat(repo.find("market")).isPresent();
        assertThat(repo.require("market").displayName).isEqualTo("Market");

        // and changes it
        Files.writeString(other, json.replace("\"Market\"", "\"Market stall\""));
        Thread.sleep(TemplateRepository.RECHECK_MS + 100);
        assertThat(repo.require("market").displayName).isEqualTo("Market stall");

        Files.delete(other);
        Thread.sleep(TemplateRepository.RECHECK_MS + 100);
        assertThat(repo.find("market")).isEmpty();
    }
}
