package org.stllisting.jobs.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stllisting.store.AtomicFiles;
import org.stllisting.store.ConfigStore;
import org.stllisting.store.Json;
import org.stllisting.store.JsonLimitException;
import org.stllisting.store.JsonLimits;

/**
 * The templates a user can pick (README, Application home (templates)): the built-ins shipped in the jar under
 * {@code org/stllisting/templates/} and the user's own in the home's {@code templates/}. A template is found
 * by its file stem or its display name, case-insensitively. Complete Processing is the default until the
 * user picks another; the last one used is remembered in {@code config.json}.
 *
 * <p>Thread-safe: it keeps no state of its own between calls; writes are atomic.
 */
public final class TemplateRepository {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRepository.class);

    /** The built-ins, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of("quick_preview", "complete_processing", "validation_only",
            "high_quality_renders", "batch_analysis");
    public static final String DEFAULT = "complete_processing";
    private static final String RESOURCE_DIR = "/org/stllisting/templates/";

    private final Path userDir;
    private final ConfigStore config;

    public TemplateRepository(Path userDir, ConfigStore config) {
        this.userDir = userDir;
        this.config = config;
    }

    public Path userDir() {
        return userDir;
    }

    /** Built-ins first, then the user's templates by name. Unreadable user files are skipped (and logged). */
    public List<Template> list() {
        List<Template> out = new ArrayList<>(builtIns());
        out.addAll(userTemplates(new ArrayList<>()));
        return out;
    }

    /** Problems with user template files that {@link #list()} skipped. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        userTemplates(problems);
        return problems;
    }

    public List<Template> builtIns() {
        List<Template> out = new ArrayList<>();
        for (String name : BUILT_IN) {
            try {
                out.add(builtIn(name));
            } catch (TemplateException e) {
                throw new IllegalStateException("built-in template " + name + " is broken: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Template builtIn(String name) throws TemplateException {
        try (InputStream in = TemplateRepository.class.getResourceAsStream(RESOURCE_DIR + name + ".json")) {
            if (in == null) {
                throw new TemplateException("built-in template " + name + " is missing from the program");
            }
            return TemplateCodec.parse(in.readAllBytes(), name + ".json").markBuiltIn();
        } catch (IOException e) {
            throw new TemplateException("built-in template " + name + " cannot be read: " + e.getMessage());
        }
    }

    private List<Template> userTemplates(List<String> problems) {
        List<Template> out = new ArrayList<>();
        if (!Files.isDirectory(userDir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(userDir, "*.json")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            problems.add(userDir + " cannot be listed: " + e.getMessage());
            return out;
        }
        files.sort(null);
        for (Path f : files) {
            String stem = stem(f);
            if (BUILT_IN.contains(stem)) {
                problems.add(f + " has the name of a built-in template and is ignored");
                continue;
            }
            try {
                Template t = TemplateCodec.parse(Json.readAllBytes(f, JsonLimits.TEMPLATE), f.toString());
                if (!t.name.equals(stem)) {
                    t.name = stem;
                }
                out.add(t);
            } catch (TemplateException | IOException e) {
                LOG.warn("skipping user template {}: {}", f, e.getMessage());
                problems.add(e.getMessage());
            }
        }
        return out;
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - 5) : n;
    }

    /** The template with this file stem or display name (case-insensitive). */
    public Optional<Template> find(String nameOrDisplayName) {
        if (nameOrDisplayName == null) {
            return Optional.empty();
        }
        String key = nameOrDisplayName.trim().toLowerCase(Locale.ROOT);
        if (key.endsWith(".json")) {
            key = key.substring(0, key.length() - 5);
        }
        List<Template> all = list();
        for (Template t : all) {
            if (t.name.toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(t);
            }
        }
        for (Template t : all) {
            if (t.displayName.trim().toLowerCase(Locale.ROOT).equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but fails with the list of known names. */
    public Template require(String nameOrDisplayName) throws TemplateException {
        return find(nameOrDisplayName).orElseThrow(() -> new TemplateException("no template named \""
                + nameOrDisplayName + "\"; known: " + String.join(", ", list().stream().map(t -> t.name).toList())));
    }

    /** The last template used, or Complete Processing. */
    public Template defaultTemplate() {
        String last = config == null ? null : config.load().lastTemplate;
        if (last != null) {
            Optional<Template> t = find(last);
            if (t.isPresent()) {
                return t.get();
            }
        }
        try {
            return builtIn(DEFAULT);
        } catch (TemplateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Remembers the user's pick for next time. */
    public void rememberLastUsed(String name) throws IOException {
        if (config != null) {
            config.update(c -> c.lastTemplate = name);
        }
    }

    /**
     * Saves a user template as {@code templates/<name>.json}. A built-in's name is refused; an existing user
     * template is replaced only with {@code overwrite}. Nothing is written when the template is invalid.
     */
    public Template save(Template template, boolean overwrite) throws TemplateException, IOException {
        Template t = template.copy();
        if (t.name == null || t.name.isBlank()) {
            t.name = TemplateCodec.slug(t.displayName);
        }
        if (t.createdAt == null) {
            t.createdAt = Instant.now();
        }
        if (t.createdBy == null) {
            t.createdBy = "user";
        }
        t.version = Template.CURRENT_VERSION;
        TemplateCodec.validate(t, "template \"" + t.name + "\"");
        if (BUILT_IN.contains(t.name)) {
            throw new TemplateException("\"" + t.name + "\" is a built-in template; save it under another name");
        }
        Path file = userDir.resolve(t.name + ".json");
        if (!overwrite && Files.exists(file)) {
            throw new TemplateException("a template named \"" + t.name + "\" already exists in " + userDir);
        }
        Files.createDirectories(userDir);
        AtomicFiles.writeJson(file, t);
        return t;
    }

    /** Writes a template to a JSON file of the user's choosing. */
    public void export(String nameOrDisplayName, Path file) throws TemplateException, IOException {
        Template t = require(nameOrDisplayName);
        AtomicFiles.writeJson(file, t);
    }

    /**
     * Reads a template file, upgrades and checks it, and saves it as a user template. Refused (with every
     * problem named, nothing written) when it is invalid, has unknown fields, or could write outside the
     * output folder.
     */
    public Template importFile(Path file, boolean overwrite) throws TemplateException, IOException {
        byte[] bytes;
        try {
            bytes = Json.readAllBytes(file, JsonLimits.TEMPLATE);
        } catch (NoSuchFileException e) {
            throw new TemplateException(file + " does not exist");
        } catch (JsonLimitException e) {
            throw new TemplateException(e.getMessage());
        }
        Template t = TemplateCodec.parse(bytes, file.toString());
        return save(t, overwrite);
    }
}
