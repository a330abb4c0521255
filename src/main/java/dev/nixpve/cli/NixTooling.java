package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.nix.RedactingIsoBuilder;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.exec.LocalProcessRunner;
import dev.nixpve.nix.IsoBuilder;
import dev.nixpve.nix.IsoBuilders;
import dev.nixpve.nix.SshNixBuilder;
import dev.nixpve.nix.TemplateRenderer;
import dev.nixpve.nix.TemplateSource;
import dev.nixpve.pipeline.steps.ImageRenderer;

/** The one place a command gets its template renderer and the ISO builder build.builder names. */
final class NixTooling {

    private final CliContext context;
    private final NixpveConfig config;
    private final TemplateSource templates;

    NixTooling(CliContext context, NixpveConfig config) {
        this(context, config, TemplateSource.classpath());
    }

    NixTooling(CliContext context, NixpveConfig config, TemplateSource templates) {
        this.context = context;
        this.config = config;
        this.templates = templates;
    }

    TemplateRenderer templateRenderer() {
        return new TemplateRenderer(templates, context.clock(), VersionProvider.version());
    }

    ImageRenderer renderer() {
        return templateRenderer()::render;
    }

    /** local and docker run processes here; ssh:// builds on the remote host with sshj. */
    IsoBuilder builder() {
        return new RedactingIsoBuilder(new IsoBuilders(new LocalProcessRunner(context.clock()), context.environment(),
                SshNixBuilder::new).forConfig(config.build()), Redaction.of(context.environment(), config.proxmox()));
    }
}
