package dev.nixpve.nix;

import dev.nixpve.event.EventSink;
import dev.nixpve.event.OutputLine;
import dev.nixpve.exec.Executables;
import dev.nixpve.exec.OutputListener;
import dev.nixpve.exec.ProcessResult;
import dev.nixpve.exec.ProcessRunner;
import dev.nixpve.exec.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the ISO with Nix inside a container ({@code build.builder: docker}), for machines without
 * Nix. The tree is mounted at /build, a staging directory inside the output directory at /out, and
 * a named volume at /nix, so the store survives between builds (Docker fills an empty volume from
 * the image's /nix on first use). The container copies the ISO out of the store itself, because
 * the store path only exists inside the volume; nixpve then hashes it and renames it into place.
 */
public final class DockerNixBuilder implements IsoBuilder {

    public static final String STORE_VOLUME = "nixpve-nix-store";
    static final String STAGED_ISO = "nixpve.iso";
    private static final Duration DOCKER_CALL_TIMEOUT = Duration.ofSeconds(60);

    /** Runs in the container; no configured value is spliced in (the flake ref and paths are fixed). */
    static final String SCRIPT = String.join("\n",
            "set -eu",
            "out=$(" + shellWords(NixBuild.command("nix", "path:/build")) + ")",
            "set -- \"$out\"/iso/*.iso",
            "if [ \"$#\" -ne 1 ] || [ ! -f \"$1\" ]; then echo \"nixpve: expected one ISO in $out/iso\" >&2; exit 3; fi",
            "cp \"$1\" /out/" + STAGED_ISO,
            "chmod 0644 /out/" + STAGED_ISO);

    private final ProcessRunner runner;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final String image;

    public DockerNixBuilder(ProcessRunner runner, Map<String, String> environment, Duration timeout, String image) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.image = image;
    }

    @Override
    public void createLock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        Path docker = docker();
        String container = "nixpve-lock-" + tree.identity().buildToken();
        requireDaemon(docker, tree.directory());
        ProcessResult result = runContainer(docker, container, lockCommand(docker.toString(), container,
                tree.directory()), tree, LocalNixBuilder.LOCK_TIMEOUT, events);
        if (!result.succeeded()) {
            throw BuildFailures.of("nix flake lock in Docker (" + image + ")", result, LocalNixBuilder.LOCK_TIMEOUT);
        }
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events)
            throws IsoBuildException, InterruptedException {
        Path docker = docker();
        String fileName = IsoPlacement.fileName(tree);
        String token = tree.identity().buildToken();
        Path staging = outDir.toAbsolutePath().normalize().resolve(".nixpve-docker-" + token);
        String container = "nixpve-build-" + token;
        List<String> command = command(docker.toString(), container, tree.directory(), staging);
        requireDaemon(docker, tree.directory());
        prepareStaging(staging);
        ProcessResult result = runContainer(docker, container, command, tree, timeout, events);
        if (!result.succeeded()) {
            throw BuildFailures.of("nix build in Docker (" + image + ")", result, timeout);
        }
        Path staged = staging.resolve(STAGED_ISO);
        Path target = outDir.toAbsolutePath().normalize().resolve(fileName);
        try {
            BuiltIso iso = IsoPlacement.adopt(staged, target, events, FlakeLock.nixpkgsRevision(tree.directory()));
            Files.deleteIfExists(staging);
            return iso;
        } catch (IOException e) {
            throw IsoBuildException.copyFailed(outDir, "the build in Docker finished but its ISO cannot be moved "
                    + "from " + staged + " to " + target + ": " + e, result.tail(), e);
        }
    }

    private Path docker() throws IsoBuildException {
        return Executables.find("docker", environment).orElseThrow(() -> new IsoBuildException(
                IsoBuildException.Reason.DOCKER_NOT_INSTALLED, "docker is not installed here (no 'docker' on PATH)",
                List.of()));
    }

    /** Runs a container to its end; a container outliving its client (interrupt, timeout) is removed. */
    private ProcessResult runContainer(Path docker, String container, List<String> command, RenderedTree tree,
                                       Duration limit, EventSink events) throws IsoBuildException, InterruptedException {
        ProcessResult result;
        try {
            result = runner.run(new ProcessSpec(command, environment, tree.directory(), limit),
                    (stream, line) -> events.emit(new OutputLine(LocalNixBuilder.SOURCE, line)));
        } catch (IOException e) {
            throw IsoBuildException.wouldNotStart(IsoBuildException.Tool.DOCKER, "cannot start " + docker + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            removeContainer(docker, container, tree.directory());
            throw e;
        }
        if (result.timedOut()) {
            // Stopping the client need not stop the container; make sure the build is gone.
            removeContainer(docker, container, tree.directory());
        }
        return result;
    }

    /** {@code nix flake lock} with the tree mounted where the build mounts it, the store in the same volume. */
    List<String> lockCommand(String docker, String container, Path tree) throws IsoBuildException {
        List<String> command = new ArrayList<>(List.of(docker, "run", "--rm", "--init", "--name", container,
                "--mount", bind(tree, "/build"),
                "--mount", "type=volume,source=" + STORE_VOLUME + ",target=/nix",
                "--workdir", "/build", image));
        command.addAll(NixBuild.lockCommand("nix", "path:/build"));
        return command;
    }

    /** {@code --init} makes the container's PID 1 pass a stop signal on, so a timeout really ends the build. */
    List<String> command(String docker, String container, Path tree, Path staging) throws IsoBuildException {
        return List.of(docker, "run", "--rm", "--init", "--name", container,
                "--mount", bind(tree, "/build"), "--mount", bind(staging, "/out"),
                "--mount", "type=volume,source=" + STORE_VOLUME + ",target=/nix",
                "--workdir", "/build", image, "sh", "-c", SCRIPT);
    }

    private static String bind(Path path, String target) throws IsoBuildException {
        String source = path.toAbsolutePath().normalize().toString();
        if (source.matches(".*[,\"\\r\\n].*")) {
            throw new IsoBuildException(IsoBuildException.Reason.UNMOUNTABLE_PATH, "Docker cannot mount " + source
                    + ": the path holds a comma, quote or line break", List.of());
        }
        return "type=bind,source=" + source + ",target=" + target;
    }

    private void requireDaemon(Path docker, Path workingDirectory) throws IsoBuildException, InterruptedException {
        List<String> command = List.of(docker.toString(), "version", "--format", "{{.Server.Version}}");
        ProcessResult result;
        try {
            result = runner.run(new ProcessSpec(command, environment, workingDirectory, DOCKER_CALL_TIMEOUT),
                    OutputListener.discard());
        } catch (IOException e) {
            throw IsoBuildException.wouldNotStart(IsoBuildException.Tool.DOCKER, "cannot start " + docker + ": "
                    + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw IsoBuildException.logged(IsoBuildException.Reason.DOCKER_NOT_ANSWERING, "Docker is installed but "
                    + "its daemon does not answer ('docker version' " + (result.timedOut() ? "timed out"
                    : "exited with " + result.exitCode()) + BuildFailures.excerpt(result.tail()) + ")", result.tail(),
                    BuildFailures.shows(result.tail()));
        }
    }

    private static void prepareStaging(Path staging) throws IsoBuildException {
        try {
            Files.createDirectories(staging);
            Files.deleteIfExists(staging.resolve(STAGED_ISO));
        } catch (IOException e) {
            throw IsoBuildException.copyFailed(staging.getParent(), "cannot prepare " + staging + ": " + e, List.of(),
                    e);
        }
    }

    /** Best effort, also when the caller was interrupted: a left-over container would hold the store volume. */
    private void removeContainer(Path docker, String container, Path workingDirectory) {
        boolean interrupted = Thread.interrupted();
        try {
            runner.run(new ProcessSpec(List.of(docker.toString(), "rm", "--force", container), environment,
                    workingDirectory, DOCKER_CALL_TIMEOUT), OutputListener.discard());
        } catch (IOException | InterruptedException e) {
            interrupted |= e instanceof InterruptedException;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Single-quotes each word for sh; only used on fixed strings. */
    static String shellWords(List<String> words) {
        return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    @Override
    public String describe() {
        return "docker (" + image + ")";
    }
}
