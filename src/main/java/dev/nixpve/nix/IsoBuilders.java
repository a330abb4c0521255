package dev.nixpve.nix;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import dev.nixpve.exec.ProcessRunner;
import java.util.Map;

/** Chooses the builder {@code build.builder} names. */
public final class IsoBuilders {

    private final ProcessRunner runner;
    private final Map<String, String> environment;
    private final RemoteBuilderFactory remote;

    /** {@code environment} is what local nix and docker run with; {@code remote} builds ssh:// targets. */
    public IsoBuilders(ProcessRunner runner, Map<String, String> environment, RemoteBuilderFactory remote) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.remote = remote;
    }

    public IsoBuilder forConfig(BuildSettings settings) {
        BuilderTarget target = settings.builder();
        if (target instanceof BuilderTarget.Ssh ssh) {
            return remote.create(ssh, settings);
        }
        if (target instanceof BuilderTarget.Docker) {
            return new DockerNixBuilder(runner, environment, settings.timeout(), settings.dockerImage());
        }
        return new LocalNixBuilder(runner, environment, settings.timeout());
    }
}
