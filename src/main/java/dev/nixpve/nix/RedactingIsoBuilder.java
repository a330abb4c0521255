package dev.nixpve.nix;

import dev.nixpve.config.Redaction;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.OutputLine;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Any builder, with the run's secrets masked in all it passes on: the build log's lines (shown with
 * --verbose), the error's message and log tail (shown on stderr and kept in build-report.json). A
 * build log is text nixpve does not control: a fetcher quoting a URL with credentials, a script
 * echoing its environment. The one place a build's output is redacted, for local, Docker and SSH
 * builders alike; the error is copied without its cause, whose message still holds the secret.
 */
public final class RedactingIsoBuilder implements IsoBuilder {

    private final IsoBuilder builder;
    private final Redaction secrets;

    public RedactingIsoBuilder(IsoBuilder builder, Redaction secrets) {
        this.builder = builder;
        this.secrets = secrets;
    }

    @Override
    public Optional<String> lock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        try {
            return builder.lock(tree, masked(events));
        } catch (IsoBuildException e) {
            throw masked(e);
        }
    }

    @Override
    public void createLock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        try {
            builder.createLock(tree, masked(events));
        } catch (IsoBuildException e) {
            throw masked(e);
        }
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws IsoBuildException,
            InterruptedException {
        try {
            return builder.build(tree, outDir, masked(events));
        } catch (IsoBuildException e) {
            throw masked(e);
        }
    }

    @Override
    public String describe() {
        return secrets.apply(builder.describe());
    }

    private EventSink masked(EventSink events) {
        return event -> {
            if (event instanceof OutputLine line) {
                events.emit(new OutputLine(line.source(), secrets.apply(line.line())));
            } else if (event instanceof LogEvent log) {
                events.emit(log.withMessage(secrets.apply(log.message())));
            } else {
                events.emit(event);
            }
        };
    }

    private IsoBuildException masked(IsoBuildException error) {
        String message = secrets.apply(error.getMessage());
        String rerun = error.rerun().map(secrets::apply).orElse(null);
        if (message.equals(error.getMessage()) && error.logTail().stream().allMatch(l -> secrets.apply(l).equals(l))
                && error.rerun().map(r -> r.equals(rerun)).orElse(true) && !causeShows(error.getCause())) {
            return error;
        }
        return error.withText(message, error.logTail().stream().map(secrets::apply).toList(), rerun);
    }

    private boolean causeShows(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !secrets.apply(t.getMessage()).equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
