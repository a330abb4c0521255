package dev.nixpve.cli;

import dev.nixpve.event.EventSink;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of a run that builds and deploys: build-and-deploy-template and rebuild share them. */
final class DeployFlags {

    @Option(names = "--iso", paramLabel = "FILE",
            description = "Deploy this prebuilt ISO (from 'nixpve build-iso') instead of building; its sha256 is "
                    + "the build id.")
    Path iso;

    @Option(names = "--keep-failed",
            description = "On failure keep the installer VM, tagged nixpve;failed, for inspection.")
    boolean keepFailed;

    @Option(names = "--update-nixpkgs", description = "Re-resolve the nixpkgs branch (image.nixpkgs) to its newest "
            + "revision instead of the one OUT/tree/flake.lock pins; a new revision is a new build and template, "
            + "the same one changes nothing. For scheduled runs that keep the template fresh.")
    boolean updateNixpkgs;

    @Option(names = "--dry-run", description = "Print every API call the run would make (secrets masked) and change "
            + "nothing; with several nodes, node by node.")
    boolean dryRun;

    @Mixin
    RunDirectories directories;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json: one JSON object per event and line, each with the run id and "
                    + "the step, for journald and log shippers.")
    LogFormat logFormat;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write the run's Prometheus metrics to FILE "
            + "when it starts and when it ends (atomically), e.g. into node_exporter's textfile directory "
            + "/var/lib/prometheus/node-exporter/nixpve.prom; over several nodes, every node's series in FILE, "
            + "each labelled with its node.")
    Path metricsFile;

    @Option(names = "--pushgateway", paramLabel = "URL", converter = PushgatewayUrl.class, description = "Push the run's Prometheus metrics to this "
            + "Pushgateway (grouped by job=nixpve, image, node: a group per node), when it starts and when it ends, "
            + "failed or not.")
    URI pushgateway;

    enum LogFormat { text, json }

    /**
     * An http:// or https:// URL with a host, optionally user:password@ for basic auth; anything else
     * failed only when the first push was tried (an ftp:// URL as a ClassCastException warning), after
     * the run had begun. Quoted with the password masked.
     */
    static final class PushgatewayUrl implements picocli.CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (java.net.URISyntaxException e) {
                throw refused(value, "is not a URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw refused(value, "is not an http:// or https:// URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw refused(value, "has a query or fragment, which the Pushgateway's push path cannot carry");
            }
            return uri;
        }

        private static picocli.CommandLine.TypeConversionException refused(String value, String problem) {
            return new picocli.CommandLine.TypeConversionException("'" + masked(value) + "' " + problem
                    + ". Hint: give the Pushgateway's base URL, e.g. http://pushgateway.example.lan:9091 "
                    + "(https://user:password@host:9091 for basic auth)");
        }

        /** The URL as typed, with any password in its user info replaced by ***. */
        static String masked(String value) {
            return value.replaceAll("(?<=://[^/@:]{0,256}:)[^/@]*(?=@)", "***");
        }
    }

    Optional<Path> prebuiltIso(CliContext context) {
        return Optional.ofNullable(iso).map(context.workingDirectory()::resolve);
    }

    boolean wantsMetrics() {
        return metricsFile != null || pushgateway != null;
    }

    EventSink events(CliContext context) {
        // Surefire and cron have no console: they get plain quarter-way lines instead of a bar.
        EventSink shown = logFormat == LogFormat.json ? new JsonLinesEvents(context, context.clock())
                : new PipelineConsole(context, System.console() != null, System.err);
        return new RedactingEvents(shown, context.secrets()::redaction);
    }
}
