package dev.nixpve.pipeline;

import dev.nixpve.config.NixpveConfig;
import dev.nixpve.config.NodeTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.pipeline.steps.ImageRenderer;
import dev.nixpve.proxmox.ProxmoxClient;
import dev.nixpve.wait.Sleeper;
import java.time.Clock;

/**
 * The main recipe on one node: the {@link ClusterRun} of that node alone, whose events name no
 * node and whose failure there is the run's. Read it there, top to bottom: preflight, recovery and
 * the image are the run's, what happens on the node is {@link NodeBuild}'s. The {@link StepRunner}
 * announces and times each step; the journal, written to the run's file in the state directory
 * before each create, records what was made so that a failure removes it (or, with --keep-failed,
 * marks it) and says so, and a run that is killed leaves what the next run's recovery needs.
 */
public final class BuildAndDeploy {

    private final ClusterRun run;

    public BuildAndDeploy(ProxmoxClient client, ImageRenderer renderer, IsoBuilder builder,
                          Clock clock, Sleeper sleeper, EventSink events) {
        this.run = new ClusterRun(client, renderer, builder, clock, sleeper, events);
    }

    /**
     * Runs the recipe, holding the image's lock on its node for the run's life.
     *
     * @throws PipelineException when the run failed; what its cleanup did is in it
     * @throws RunLockedException when another live run holds it: nothing was done
     */
    public DeployResult run(NixpveConfig config, NodeTarget target, DeployOptions options) throws PipelineException,
            RunLockedException {
        return run.runAlone(config, target, options);
    }
}
