package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.Event;
import dev.nixpve.event.OutputLine;
import dev.nixpve.exec.ProcessSpec;
import dev.nixpve.testing.FakeClock;
import dev.nixpve.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker builder's commands against a scripted runner: no Docker is started here. */
class DockerNixBuilderTest {

    static final String IMAGE = "docker.io/nixos/nix:2.28.4";

    @TempDir
    Path dir;

    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> env;
    Path docker;
    Path out;
    RenderedTree tree;

    @BeforeEach
    void setUp() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        docker = Files.writeString(bin.resolve("docker"), "#!/bin/sh\nexit 99\n");
        docker.toFile().setExecutable(true);
        env = Map.of("PATH", bin.toString());
        out = dir.resolve("out");
        tree = new TemplateRenderer(NixFixtures.fixtureTemplates(), new FakeClock(), "x").render(NixFixtures.data(),
                out.resolve("tree"));
    }

    /** Plays the container: writes the ISO into the /out mount and a flake.lock into /build. */
    ScriptedRunner.Behaviour container() {
        return (spec, output) -> {
            Path staging = Path.of(mountSource(spec, "/out"));
            Files.writeString(staging.resolve("nixpve.iso"), FakeNix.ISO_BYTES);
            Files.writeString(Path.of(mountSource(spec, "/build")).resolve("flake.lock"),
                    TemplateRendererTest.lock(FakeNix.REV));
            return ScriptedRunner.ok("building '/nix/store/abc-nixos.iso.drv'...").run(spec, output);
        };
    }

    @Test
    void buildsInAContainerWithTheStoreInAVolumeAndAdoptsTheIso() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(spec -> spec.command().get(1).equals("version")
                ? ScriptedRunner.ok("28.3.2") : container());
        BuiltIso iso = new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).build(tree, out, events::add);

        String token = tree.identity().buildToken();
        Path staging = out.resolve(".nixpve-docker-" + token);
        assertEquals(List.of(docker.toString(), "version", "--format", "{{.Server.Version}}"),
                runner.calls.get(0).command());
        ProcessSpec run = runner.calls.get(1);
        assertEquals(List.of(docker.toString(), "run", "--rm", "--init", "--name", "nixpve-build-" + token,
                "--mount", "type=bind,source=" + tree.directory() + ",target=/build",
                "--mount", "type=bind,source=" + staging + ",target=/out",
                "--mount", "type=volume,source=nixpve-nix-store,target=/nix",
                "--workdir", "/build", IMAGE, "sh", "-c", DockerNixBuilder.SCRIPT), run.command());
        assertEquals(Duration.ofHours(2), run.timeout());
        assertEquals(env, run.environment());
        assertEquals(2, runner.calls.size());

        assertEquals(out.resolve("nixpve-nixos-base-" + token + ".iso"), iso.iso());
        assertEquals(FakeNix.ISO_BYTES, Files.readString(iso.iso()));
        assertEquals(LocalNixBuilderTest.sha256(FakeNix.ISO_BYTES), iso.sha256());
        assertEquals(Optional.of(FakeNix.REV), iso.nixpkgsRevision());
        assertFalse(Files.exists(staging), "the staging directory is cleaned up");
        assertTrue(events.contains(new OutputLine("nix", "building '/nix/store/abc-nixos.iso.drv'...")));
    }

    @Test
    void locksInAContainerSharingTheStoreVolumeAndWritesTheLockIntoTheTree() throws Exception {
        ScriptedRunner runner = new ScriptedRunner(spec -> spec.command().get(1).equals("version")
                ? ScriptedRunner.ok("28.3.2") : (s, output) -> {
                    Files.writeString(Path.of(mountSource(s, "/build")).resolve("flake.lock"),
                            TemplateRendererTest.lock(FakeNix.REV));
                    return ScriptedRunner.ok("warning: creating lock file '/build/flake.lock'").run(s, output);
                });

        Optional<String> revision = new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).lock(tree,
                events::add);

        assertEquals(Optional.of(FakeNix.REV), revision);
        String token = tree.identity().buildToken();
        assertEquals(List.of(docker.toString(), "run", "--rm", "--init", "--name", "nixpve-lock-" + token,
                "--mount", "type=bind,source=" + tree.directory() + ",target=/build",
                "--mount", "type=volume,source=nixpve-nix-store,target=/nix",
                "--workdir", "/build", IMAGE, "nix", "--extra-experimental-features", "nix-command flakes", "flake",
                "lock", "path:/build"), runner.calls.get(1).command());
        assertEquals(LocalNixBuilder.LOCK_TIMEOUT, runner.calls.get(1).timeout());
        assertEquals(2, runner.calls.size());
        assertTrue(events.contains(new OutputLine("nix", "warning: creating lock file '/build/flake.lock'")));
    }

    @Test
    void theContainerScriptBuildsThePathFlakeAndCopiesOneIso() {
        String script = DockerNixBuilder.SCRIPT;
        assertTrue(script.contains("out=$('nix' '--extra-experimental-features' 'nix-command flakes' 'build' "
                + "'--print-build-logs' '--no-link' '--print-out-paths' "
                + "'path:/build#nixosConfigurations.installer.config.system.build.isoImage')"), script);
        assertTrue(script.contains("cp \"$1\" /out/nixpve.iso"), script);
        assertTrue(script.startsWith("set -eu\n"), script);
    }

    @Test
    void theContainerScriptPassesShellcheck() throws Exception {
        Path shellcheck = ExternalTools.require("shellcheck", "shellcheck");
        Path script = Files.writeString(dir.resolve("build.sh"), "#!/bin/sh\n" + DockerNixBuilder.SCRIPT + "\n");
        Process process = new ProcessBuilder(shellcheck.toString(), "--shell=sh", script.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
    }

    @Test
    void aDaemonThatDoesNotAnswerStopsBeforeTheBuild() {
        ScriptedRunner runner = new ScriptedRunner(spec -> ScriptedRunner.exit(1,
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"));
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).build(tree, out, events::add));
        assertEquals("Docker is installed but its daemon does not answer ('docker version' exited with 1; last lines: "
                + "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)",
                e.getMessage());
        assertEquals(IsoBuildException.Reason.DOCKER_NOT_ANSWERING, e.reason());
        assertEquals(IsoBuildException.LogShows.DOCKER_DAEMON_DOWN, e.logShows());
        assertEquals(List.of("version"), runner.subcommands());
    }

    @Test
    void noDockerOnPathSaysSo() {
        ScriptedRunner runner = new ScriptedRunner(spec -> ScriptedRunner.ok());
        IsoBuildException e = assertThrows(IsoBuildException.class, () -> new DockerNixBuilder(runner,
                Map.of("PATH", dir.resolve("empty").toString()), Duration.ofHours(2), IMAGE).build(tree, out,
                events::add));
        assertEquals("docker is not installed here (no 'docker' on PATH)", e.getMessage());
        assertEquals(IsoBuildException.Reason.DOCKER_NOT_INSTALLED, e.reason());
        assertTrue(runner.calls.isEmpty());
    }

    @Test
    void aTimeoutAlsoRemovesTheContainer() {
        ScriptedRunner runner = new ScriptedRunner(spec -> switch (spec.command().get(1)) {
            case "run" -> ScriptedRunner.timeout("building '/nix/store/abc-linux.drv'...");
            default -> ScriptedRunner.ok();
        });
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).build(tree, out, events::add));
        assertEquals("nix build in Docker (" + IMAGE + ") did not finish within 2h00m (build.timeout) and was "
                + "stopped; last lines: building '/nix/store/abc-linux.drv'...", e.getMessage());
        assertEquals(IsoBuildException.Reason.BUILD_TIMED_OUT, e.reason());
        assertEquals(List.of("version", "run", "rm"), runner.subcommands());
        assertEquals(List.of(docker.toString(), "rm", "--force", "nixpve-build-" + tree.identity().buildToken()),
                runner.calls.get(2).command());
    }

    @Test
    void aFailedBuildCarriesTheTail() {
        ScriptedRunner runner = new ScriptedRunner(spec -> spec.command().get(1).equals("run")
                ? ScriptedRunner.exit(1, "error: builder for '/nix/store/x.drv' failed with exit code 2")
                : ScriptedRunner.ok());
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).build(tree, out, events::add));
        assertEquals("nix build in Docker (" + IMAGE + ") failed with exit code 1 after 42s; last lines: error: "
                + "builder for '/nix/store/x.drv' failed with exit code 2", e.getMessage());
        assertEquals(IsoBuildException.Reason.BUILD_FAILED, e.reason());
        assertEquals(List.of("error: builder for '/nix/store/x.drv' failed with exit code 2"), e.logTail());
    }

    @Test
    void aPathDockerCannotMountIsRefused() throws Exception {
        RenderedTree odd = new TemplateRenderer(NixFixtures.fixtureTemplates(), new FakeClock(), "x")
                .render(NixFixtures.data(), dir.resolve("a,b"));
        ScriptedRunner runner = new ScriptedRunner(spec -> ScriptedRunner.ok());
        IsoBuildException e = assertThrows(IsoBuildException.class,
                () -> new DockerNixBuilder(runner, env, Duration.ofHours(2), IMAGE).build(odd, out, events::add));
        assertTrue(e.getMessage().endsWith("the path holds a comma, quote or line break"), e.getMessage());
        assertEquals(IsoBuildException.Reason.UNMOUNTABLE_PATH, e.reason());
        assertTrue(runner.calls.isEmpty(), "refused before Docker is asked anything");
    }

    private static String mountSource(ProcessSpec spec, String target) {
        return spec.command().stream().filter(w -> w.startsWith("type=bind,") && w.endsWith(",target=" + target))
                .map(w -> w.substring("type=bind,source=".length(), w.length() - (",target=" + target).length()))
                .findFirst().orElseThrow();
    }
}
