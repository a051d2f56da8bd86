package org.stllisting.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.stllisting.app.AppContext;
import org.stllisting.app.SettingsService;
import org.stllisting.app.settings.InvalidSettingException;
import org.stllisting.app.settings.Setting;
import org.stllisting.store.InstanceLock;
import org.stllisting.store.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stl-listing settings list|get KEY|set KEY VALUE|reset KEY}: the queue's and the home's settings, typed and
 * checked. Listing and reading work while another instance runs; a queue setting can only be changed by the
 * process that holds the home (exit 3 naming it otherwise), a home setting at any time.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Show and change the queue's and the home's settings.",
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Get.class, SettingsCommand.Set.class,
            SettingsCommand.Reset.class})
public final class SettingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("stl-listing: say 'settings list', 'settings get KEY', "
                + "'settings set KEY VALUE' or 'settings reset KEY'");
        return ExitCodes.USAGE;
    }

    /** One setting in {@code --json}. */
    record Json1(String key, String scope, String type, String unit, Object value,
            @JsonProperty("default") Object defaultValue, boolean set,
            Long min, Long max, List<String> choices, String allowed, String description) {
        static Json1 of(SettingsService.Entry e) {
            Setting s = e.setting();
            return new Json1(s.key(), s.scope().label(), s.type().label(), s.unit().label(), e.value(),
                    e.defaultValue(), e.set(), s.isNumber() ? s.min() : null, s.isNumber() ? s.max() : null,
                    s.type() == Setting.Type.CHOICE ? s.choices() : null, s.allowed(), s.description());
        }
    }

    /** {@code settings list --json}. */
    record ListJson(String home, List<Json1> settings) {
    }

    static void print(PrintWriter out, List<SettingsService.Entry> entries) {
        TextTable table = new TextTable("KEY", "SCOPE", "VALUE", "DEFAULT", "DESCRIPTION");
        for (SettingsService.Entry e : entries) {
            Setting s = e.setting();
            table.row(s.key(), s.scope().label(), s.format(e.value()) + (e.set() ? " *" : ""),
                    s.format(e.defaultValue()), s.description());
        }
        table.print(out);
    }

    /** The setting written {@code key}, or null after telling the user the known keys. */
    static Setting find(String key, PrintWriter err) {
        Setting s = Setting.find(key);
        if (s == null) {
            err.println("stl-listing: no setting \"" + key + "\"; known: " + String.join(", ", Setting.keys()));
        }
        return s;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every setting: value (* where set), default and meaning.")
    static final class ListSettings implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            AppContext ctx = HomeAccess.readOnly(spec);
            List<SettingsService.Entry> all = new SettingsService(ctx).list();
            if (json) {
                List<Json1> l = new ArrayList<>();
                all.forEach(e -> l.add(Json1.of(e)));
                out.println(Json.mapper().writeValueAsString(new ListJson(ctx.home().root().toString(), l)));
            } else {
                print(out, all);
                out.println("* set (for a queue setting: not the default). Change one with 'stl-listing settings set KEY "
                        + "VALUE'; numbers may carry a unit (30min, 2GB, 2w).");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One setting.")
    static final class Get implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY")
        String key;

        @Option(names = "--json", description = "Print one JSON document.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Setting s = find(key, spec.commandLine().getErr());
            if (s == null) {
                return ExitCodes.USAGE;
            }
            SettingsService.Entry e = new SettingsService(HomeAccess.readOnly(spec)).get(s);
            if (json) {
                out.println(Json.mapper().writeValueAsString(Json1.of(e)));
            } else {
                print(out, List.of(e));
                out.println("Allowed: " + s.allowed() + ".");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Change a setting; a number may carry a unit (30min, 1800s, 2GB, 500MB, 2w).")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Override
        public Integer call() throws IOException {
            return change(spec, key, value);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, description = "Put a setting back to its default.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() throws IOException {
            return change(spec, key, null);
        }
    }

    /** Sets {@code key} to {@code value}, or back to its default when {@code value} is null. */
    private static int change(CommandSpec spec, String key, String value) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Setting s = find(key, err);
        if (s == null) {
            return ExitCodes.USAGE;
        }
        SettingsService service = new SettingsService(HomeAccess.readOnly(spec));
        try {
            SettingsService.Entry e = value == null ? service.reset(s) : service.set(s, value);
            spec.commandLine().getOut().println(s.key() + " = " + s.format(e.value()) + (e.set() ? "" : " (default)"));
            return ExitCodes.OK;
        } catch (InvalidSettingException e) {
            err.println("stl-listing: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (InstanceLock.LockedException e) {
            return locked(s, e, err);
        }
    }

    private static int locked(Setting s, InstanceLock.LockedException e, PrintWriter err) {
        err.println("stl-listing: " + s.key() + " is a setting of the queue, which another instance"
                + (e.holderPid().isPresent() ? " (pid " + e.holderPid().getAsLong() + ")" : "") + " owns in "
                + e.home() + "; change it when that instance has finished, or in it");
        return ExitCodes.LOCKED;
    }
}
