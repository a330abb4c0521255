package dev.nixpve.nix;

import dev.nixpve.exec.OutputListener;
import dev.nixpve.exec.ProcessResult;
import dev.nixpve.exec.ProcessRunner;
import dev.nixpve.exec.ProcessSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A fake {@link ProcessRunner}: records every command and answers from a script keyed on the subcommand. */
final class ScriptedRunner implements ProcessRunner {

    /** What a command does when "run": may write files, emits lines, returns a result. */
    interface Behaviour {
        ProcessResult run(ProcessSpec spec, OutputListener output) throws IOException;
    }

    final List<ProcessSpec> calls = new ArrayList<>();
    private final Function<ProcessSpec, Behaviour> script;

    ScriptedRunner(Function<ProcessSpec, Behaviour> script) {
        this.script = script;
    }

    @Override
    public synchronized ProcessResult run(ProcessSpec spec, OutputListener output) throws IOException {
        calls.add(spec);
        return script.apply(spec).run(spec, output);
    }

    static Behaviour ok(String... lines) {
        return exit(0, lines);
    }

    static Behaviour exit(int code, String... lines) {
        return (spec, output) -> {
            for (String line : lines) {
                output.line(OutputListener.Stream.STDERR, line);
            }
            return new ProcessResult(code, false, Duration.ofSeconds(42), List.of(lines));
        };
    }

    static Behaviour timeout(String... lines) {
        return (spec, output) -> new ProcessResult(143, true, Duration.ofHours(2), List.of(lines));
    }

    List<String> subcommands() {
        return calls.stream().map(c -> c.command().get(1)).toList();
    }
}
