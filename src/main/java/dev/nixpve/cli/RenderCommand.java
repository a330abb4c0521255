package dev.nixpve.cli;

import dev.nixpve.config.ConfigException;
import dev.nixpve.config.NixpveConfig;
import dev.nixpve.nix.RenderException;
import dev.nixpve.nix.RenderedTree;
import dev.nixpve.nix.TemplateSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nixpve render}: writes the build tree and prints its build id; builds nothing. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render the NixOS build tree into a directory and print its build id.",
                "The tree holds the flake, its modules, the installer script and the configuration as JSON; "
                        + "nothing is built or uploaded. The directory must be new, empty or an earlier render (its "
                        + "contents are replaced; flake.lock is kept, so nixpkgs stays pinned)."})
final class RenderCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    private ConfigOptions configOptions;

    @Mixin
    private TemplateOptions templateOptions;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to render into.")
    Path out;

    RenderCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws ConfigException, UsageException, RenderException, IOException {
        templateOptions.requireUsable(context);
        NixpveConfig config = configOptions.load(context);
        RenderedTree tree = templateOptions.tooling(context, config).templateRenderer().render(config, context.workingDirectory().resolve(out));
        long files;
        try (Stream<Path> walk = Files.walk(tree.directory())) {
            files = walk.filter(Files::isRegularFile).count();
        }
        context.out().printf("Rendered %d files into %s%n", files, tree.directory());
        context.out().println("Build id: " + tree.identity().buildId());
        context.out().flush();
        return ExitCodes.OK;
    }

    /** Where the Nix templates come from: built in, or a directory while developing them. */
    static final class TemplateOptions {

        @Option(names = "--templates", paramLabel = "DIR",
                description = "Use the Nix templates in DIR (with its MANIFEST) instead of the built-in ones; "
                        + "for developing templates.")
        Path templates;

        /** A --templates that is no directory is a typo, not an incomplete installation of nixpve. */
        void requireUsable(CliContext context) throws UsageException {
            if (templates != null) {
                UsablePaths.existingDirectory(context.workingDirectory().resolve(templates), "--templates",
                        "name a directory of Nix templates with its MANIFEST, e.g. a checkout's nix-templates; "
                                + "leave --templates out for the built-in ones");
            }
        }

        NixTooling tooling(CliContext context, NixpveConfig config) {
            TemplateSource source = templates == null ? TemplateSource.classpath()
                    : TemplateSource.directory(context.workingDirectory().resolve(templates));
            return new NixTooling(context, config, source);
        }
    }
}
