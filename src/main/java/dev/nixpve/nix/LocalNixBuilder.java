package dev.nixpve.nix;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.OutputLine;
import dev.nixpve.exec.Executables;
import dev.nixpve.exec.OutputListener;
import dev.nixpve.exec.ProcessResult;
import dev.nixpve.exec.ProcessRunner;
import dev.nixpve.exec.ProcessSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Builds the ISO with the Nix on this machine ({@code build.builder: local}). The environment is
 * injected: it is what nix runs with and where {@code nix} is looked up, so tests put a fake first
 * on PATH.
 */
public final class LocalNixBuilder implements IsoBuilder {

    static final String SOURCE = "nix";
    /** Locking fetches nixpkgs' source once (tens of MB); it needs no build time. */
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(10);

    private final ProcessRunner runner;
    private final Map<String, String> environment;
    private final Duration timeout;

    public LocalNixBuilder(ProcessRunner runner, Map<String, String> environment, Duration timeout) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    @Override
    public void createLock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        Path nix = nix();
        ProcessResult result = run(nix, NixBuild.lockCommand(nix.toString(), NixBuild.pathRef(tree.directory())),
                tree, LOCK_TIMEOUT, events, new ArrayList<>());
        if (!result.succeeded()) {
            throw BuildFailures.of("nix flake lock", result, LOCK_TIMEOUT);
        }
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events)
            throws IsoBuildException, InterruptedException {
        Path nix = nix();
        String fileName = IsoPlacement.fileName(tree);
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        ProcessResult result = run(nix, NixBuild.command(nix.toString(), NixBuild.pathRef(tree.directory())), tree,
                timeout, events, stdout);
        if (!result.succeeded()) {
            throw BuildFailures.of("nix build", result, timeout);
        }
        Path iso = NixBuild.isoIn(outPath(stdout, result), result.tail());
        Path target = outDir.resolve(fileName);
        try {
            return IsoPlacement.copy(iso, target, events, FlakeLock.nixpkgsRevision(tree.directory()));
        } catch (IOException e) {
            throw IsoBuildException.copyFailed(outDir, "cannot copy the ISO from " + iso + " to " + target + ": " + e,
                    List.of(), e);
        }
    }

    private Path nix() throws IsoBuildException {
        return Executables.find("nix", environment).orElseThrow(() -> new IsoBuildException(
                IsoBuildException.Reason.NIX_NOT_INSTALLED, "nix is not installed here (no 'nix' on PATH)", List.of()));
    }

    /** Runs nix in the tree: every line becomes an event, stdout lines are also collected. */
    private ProcessResult run(Path nix, List<String> command, RenderedTree tree, Duration limit, EventSink events,
                              List<String> stdout) throws IsoBuildException, InterruptedException {
        try {
            return runner.run(new ProcessSpec(command, environment, tree.directory(), limit), (stream, line) -> {
                if (stream == OutputListener.Stream.STDOUT) {
                    stdout.add(line);
                }
                events.emit(new OutputLine(SOURCE, line));
            });
        } catch (IOException e) {
            throw IsoBuildException.wouldNotStart(IsoBuildException.Tool.NIX, "cannot start " + nix + ": "
                    + e.getMessage(), e);
        }
    }

    /** --print-out-paths prints the result's store path as the last line on stdout. */
    static Path outPath(List<String> stdout, ProcessResult result) throws IsoBuildException {
        for (int i = stdout.size() - 1; i >= 0; i--) {
            String line = stdout.get(i).strip();
            if (line.startsWith("/")) {
                return Path.of(line);
            }
        }
        throw new IsoBuildException(IsoBuildException.Reason.NO_OUTPUT_PATH, "nix build succeeded but printed no "
                + "output path", result.tail());
    }

    @Override
    public String describe() {
        return "local";
    }
}
