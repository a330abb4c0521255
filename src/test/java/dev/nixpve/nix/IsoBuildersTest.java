package dev.nixpve.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import dev.nixpve.event.EventSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IsoBuildersTest {

    final ScriptedRunner runner = new ScriptedRunner(spec -> ScriptedRunner.ok());

    static BuildSettings settings(BuilderTarget target) {
        return new BuildSettings(target, Duration.ofHours(2), Optional.empty(), Optional.empty(), Optional.empty(),
                "nixpve-build", "docker.io/nixos/nix:2.28.4");
    }

    @Test
    void localAndDockerAreBuiltIn() {
        IsoBuilders builders = new IsoBuilders(runner, Map.of(), (target, settings) -> { throw new AssertionError("not ssh"); });
        assertEquals("local", builders.forConfig(settings(new BuilderTarget.Local())).describe());
        assertEquals("docker (docker.io/nixos/nix:2.28.4)",
                builders.forConfig(settings(new BuilderTarget.Docker())).describe());
    }

    @Test
    void sshGoesToTheRemoteFactory() {
        BuilderTarget.Ssh target = new BuilderTarget.Ssh(Optional.of("nix"), "builder.lan", 22);
        AtomicReference<BuildSettings> seen = new AtomicReference<>();
        IsoBuilder remote = new IsoBuilder() {
            @Override
            public void createLock(RenderedTree tree, EventSink events) {
                throw new UnsupportedOperationException();
            }

            @Override
            public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "remote";
            }
        };
        BuildSettings settings = settings(target);
        IsoBuilder chosen = new IsoBuilders(runner, Map.of(), (t, s) -> {
            assertEquals(target, t);
            seen.set(s);
            return remote;
        }).forConfig(settings);
        assertSame(remote, chosen);
        assertSame(settings, seen.get());
    }

    @Test
    void productionBuildsSshTargetsWithSshj() {
        BuilderTarget.Ssh target = new BuilderTarget.Ssh(Optional.empty(), "builder.lan", 2222);
        IsoBuilder builder = new IsoBuilders(runner, Map.of(), SshNixBuilder::new).forConfig(settings(target));
        assertTrue(builder instanceof SshNixBuilder, builder.getClass().getName());
        assertEquals("ssh://builder.lan:2222", builder.describe());
    }
}
