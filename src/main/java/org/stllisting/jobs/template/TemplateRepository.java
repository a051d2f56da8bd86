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
 * <p>Thread-safe; writes are atomic. Templates are parsed once and shared: the built-ins for the life of the
 * repository, the user's until their folder changes (a file added, removed, resized or touched; looked at
 * again at most every {@value #RECHECK_MS} ms, and at once after this repository saves one). A queue of
 * 10,000 jobs asks for its template tens of thousands of times while it is imported, recovered or reported.
 * Callers copy a template before changing it ({@link Template#copy()}), as {@link #save} does.
 */
public final class TemplateRepository {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRepository.class);

    /** The built-ins, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of("quick_preview", "complete_processing", "validation_only",
            "high_quality_renders", "batch_analysis");
    public static final String DEFAULT = "complete_processing";
    private static final String RESOURCE_DIR = "/org/stllisting/templates/";

    /** How long the user templates read last are used without looking at their folder again. */
    static final long RECHECK_MS = 500;

    private final Path userDir;
    private final ConfigStore config;
    private volatile List<Template> builtIns;
    // guarded by this
    private List<Template> users;
    private List<String> userProblems = List.of();
    private String usersPrint;
    private long usersCheckedAt;

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
        List<Template> known = builtIns;
        if (known == null) {
            known = List.copyOf(readBuiltIns());
            builtIns = known;
        }
        return known;
    }

    private static List<Template> readBuiltIns() {
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

    /** The user's templates, read again when their folder has changed; their problems go into {@code problems}. */
    private synchronized List<Template> userTemplates(List<String> problems) {
        long now = System.nanoTime();
        if (users == null || now - usersCheckedAt > RECHECK_MS * 1_000_000) {
            String print = fingerprint();
            if (users == null || !print.equals(usersPrint)) {
                List<String> found = new ArrayList<>();
                users = List.copyOf(readUserTemplates(found));
                userProblems = List.copyOf(found);
                usersPrint = print;
            }
            usersCheckedAt = now;
        }
        problems.addAll(userProblems);
        return users;
    }

    /** The names, sizes and times of the folder's template files: when it changes, they are read again. */
    private String fingerprint() {
        if (!Files.isDirectory(userDir)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(userDir, "*.json")) {
            for (Path f : ds) {
                try {
                    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f,
                            java.nio.file.attribute.BasicFileAttributes.class);
                    parts.add(f.getFileName() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    parts.add(f.getFileName() + ":?");
                }
            }
        } catch (IOException e) {
            return "unlisted:" + e.getMessage();
        }
        parts.sort(null);
        return String.join("/", parts);
    }

    /** After this repository wrote a template file: the next look reads the folder again. */
    private synchronized void forgetUsers() {
        users = null;
    }

    private List<Template> readUserTemplates(List<String> problems) {
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
        try {
            AtomicFiles.writeJson(file, t);
        } finally {
            forgetUsers();
        }
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
