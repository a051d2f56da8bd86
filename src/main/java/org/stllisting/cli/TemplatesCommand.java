package org.stllisting.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.jobs.template.OptionKey;
import org.stllisting.jobs.template.Template;
import org.stllisting.jobs.template.TemplateException;
import org.stllisting.jobs.template.TemplateRepository;
import org.stllisting.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stl-listing templates list|show NAME|export NAME FILE|import FILE|options} (README, Application home and Command line). */
@Command(name = "templates", mixinStandardHelpOptions = true,
        description = "Processing templates: list, show, export, import, options.",
        subcommands = {TemplatesCommand.ListTemplates.class, TemplatesCommand.Show.class,
            TemplatesCommand.Export.class, TemplatesCommand.Import.class, TemplatesCommand.Options.class})
public final class TemplatesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** One line of {@code templates list --json}. */
    record Summary(String name, String displayName, boolean builtIn, boolean isDefault, String description,
            List<String> steps) {
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List built-in and user templates.")
    static final class ListTemplates implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            TemplateRepository repo = HomeAccess.readOnly(spec).templates();
            String def = repo.defaultTemplate().name;
            List<Summary> rows = new ArrayList<>();
            for (Template t : repo.list()) {
                rows.add(new Summary(t.name, t.displayName, t.isBuiltIn(), t.name.equals(def), t.description, t.steps));
            }
            if (json) {
                out.println(Json.mapper().writeValueAsString(rows));
                return ExitCodes.OK;
            }
            int w = rows.stream().mapToInt(r -> r.name().length()).max().orElse(4);
            int d = rows.stream().mapToInt(r -> r.displayName().length()).max().orElse(4);
            for (Summary r : rows) {
                out.printf("%s %-" + w + "s  %-" + d + "s  %-8s  %s%n", r.isDefault() ? "*" : " ", r.name(),
                        r.displayName(), r.builtIn() ? "built-in" : "user",
                        String.join(" > ", r.steps().subList(1, r.steps().size() - 1)));
            }
            out.println();
            out.println("* the default (Complete Processing until you pick another, then the last one used)");
            for (String p : repo.problems()) {
                spec.commandLine().getErr().println("stl-listing: skipped " + p);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one template.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "File stem or display name (any case).")
        String name;

        @Option(names = "--json", description = "Print the template as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Template t;
            try {
                t = HomeAccess.readOnly(spec).templates().require(name);
            } catch (TemplateException e) {
                spec.commandLine().getErr().println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (json) {
                out.println(Json.mapper().writeValueAsString(t));
                return ExitCodes.OK;
            }
            out.println(t.displayName + " (" + t.name + ", " + (t.isBuiltIn() ? "built-in" : "user") + ", version "
                    + t.version + ")");
            if (t.description != null) {
                out.println(t.description);
            }
            out.println();
            out.println("Steps:      " + String.join(" > ", t.steps));
            out.println("Render:     " + inline(t.renderOptions));
            out.println("Validation: " + inline(t.validationOptions));
            out.println("Output:     mode " + (t.outputOptions.mode != null ? t.outputOptions.mode
                    : "not named (the home's default_output_mode, else per-model)")
                    + (t.outputOptions.subfolder != null ? ", subfolder " + t.outputOptions.subfolder : "")
                    + (t.outputOptions.naming.customPrefix != null ? ", prefix " + t.outputOptions.naming.customPrefix : "")
                    + (t.outputOptions.naming.timestampSuffix ? ", timestamp suffix" : "")
                    + (t.outputOptions.naming.qualitySuffix ? ", quality suffix" : "")
                    + (t.outputOptions.naming.materialSuffix ? ", material suffix" : "")
                    + (t.outputOptions.naming.sizeSuffix ? ", size suffix" : ""));
            return ExitCodes.OK;
        }

        private static String inline(Map<String, Object> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> parts.add(k + "=" + v));
            return parts.isEmpty() ? "-" : String.join(", ", parts);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a template to a JSON file.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            AppContext ctx = HomeAccess.readOnly(spec);
            try {
                ctx.templates().export(name, file);
            } catch (TemplateException e) {
                spec.commandLine().getErr().println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(Map.of("template", name, "file",
                        file.toAbsolutePath().toString())));
            } else {
                out.println("Exported " + name + " to " + file.toAbsolutePath());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Check a template file (upgrading older versions) and add it to your templates.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--force", description = "Replace a user template with the same name.")
        boolean force;

        @Option(names = "--json", description = "Print the imported template as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            AppContext ctx = HomeAccess.readOnly(spec);
            Template t;
            try {
                t = ctx.templates().importFile(file, force);
            } catch (TemplateException e) {
                spec.commandLine().getErr().println("stl-listing: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(t));
            } else {
                out.println("Imported \"" + t.displayName + "\" as " + ctx.templates().userDir().resolve(t.name + ".json"));
            }
            return ExitCodes.OK;
        }
    }

    /** One line of {@code templates options --json}. */
    record OptionRow(String section, String key, String accepts, Object defaultValue, String meaning) {
    }

    @Command(name = "options", mixinStandardHelpOptions = true,
            description = "List every render and validation option a template, a queue or a job can set.")
    static final class Options implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<OptionRow> rows = new ArrayList<>();
            for (OptionKey k : OptionKey.values()) {
                rows.add(new OptionRow(k.section().field(), k.key(), k.type().describe(), k.defaultValue(),
                        k.meaning()));
            }
            if (json) {
                out.println(Json.mapper().writeValueAsString(rows));
                return ExitCodes.OK;
            }
            int w = rows.stream().mapToInt(r -> r.key().length()).max().orElse(4);
            int a = rows.stream().mapToInt(r -> r.accepts().length()).max().orElse(4);
            String section = null;
            for (OptionRow r : rows) {
                if (!r.section().equals(section)) {
                    section = r.section();
                    out.println(section);
                }
                out.printf("  %-" + w + "s  %-" + a + "s  default %s: %s%n", r.key(), r.accepts(),
                        r.defaultValue(), r.meaning());
            }
            return ExitCodes.OK;
        }
    }
}
