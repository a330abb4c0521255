package dev.nixpve.cli;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.event.StepEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run as people read it: a line per step with its status and duration, install phases as
 * they advance, what was created and removed, and a progress bar (bytes, rate, ETA) for uploads.
 * Without a terminal the bar becomes quarter-way lines, so logs and snapshot tests stay stable.
 */
final class PipelineConsole implements EventSink {

    private final CliContext context;
    private final boolean terminal;
    private final PrintStream barStream;
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final Map<String, Integer> quarters = new HashMap<>();

    PipelineConsole(CliContext context, boolean terminal, PrintStream barStream) {
        this.context = context;
        this.terminal = terminal;
        this.barStream = barStream;
    }

    @Override
    public synchronized void emit(Event event) {
        if (event instanceof StepEvent step) {
            step(step);
        } else if (event instanceof InstallPhaseEvent phase) {
            context.out().printf("    install: %-10s %3d%%  %s%n", phase.phase(), phase.percent(), phase.message());
        } else if (event instanceof JournalEvent journal) {
            String mark = switch (journal.action()) {
                case CREATED -> "+ created";
                case REMOVED -> "- removed";
                case KEPT -> "! kept";
                case LEFT_BEHIND -> "! left behind";
            };
            context.out().println("    " + mark + " " + journal.what());
        } else if (event instanceof ProgressEvent progress) {
            progress(progress);
        } else if (event instanceof OutputLine line) {
            if (context.verbose().get()) {
                context.out().println("    [" + line.source() + "] " + line.line());
            }
        } else if (event instanceof LogEvent log) {
            switch (log.level()) {
                case WARN -> context.err().println("warning: " + log.message());
                case INFO -> context.out().println(log.message());
                case DEBUG -> {
                    if (context.verbose().get()) {
                        context.err().println("debug: " + log.message());
                    }
                }
            }
        }
        context.out().flush();
    }

    private void step(StepEvent step) {
        switch (step.status()) {
            case STARTED -> {
                if (terminal) {
                    context.out().printf("  … %s%n", step.step());
                }
            }
            case DONE -> context.out().printf("  ✓ %-11s %7s  %s%n", step.step(), duration(step.elapsed()),
                    step.detail());
            case SKIPPED -> context.out().printf("  - %-11s %7s  skipped: %s%n", step.step(), "", step.detail());
            case FAILED -> context.out().printf("  ✗ %-11s %7s  failed%n", step.step(), duration(step.elapsed()));
        }
    }

    private void progress(ProgressEvent progress) {
        if (terminal) {
            ProgressBar bar = bars.computeIfAbsent(progress.operation(), op -> new ProgressBarBuilder()
                    .setTaskName(op.length() > 30 ? op.substring(0, 30) : op)
                    .setInitialMax(Math.max(progress.total(), 1)).setUnit(" MiB", 1L << 20)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(barStream)).build());
            bar.stepTo(progress.done());
            if (progress.finished()) {
                bar.close();
                bars.remove(progress.operation());
            }
            return;
        }
        if (progress.total() <= 0) {
            return;
        }
        int quarter = (int) (progress.done() * 4 / progress.total());
        int shown = quarters.getOrDefault(progress.operation(), -1);
        if (quarter > shown) {
            quarters.put(progress.operation(), quarter);
            context.out().printf("    %s: %d%% of %s%n", progress.operation(), quarter * 25,
                    Bytes.format(progress.total()));
        }
        if (progress.finished()) {
            quarters.remove(progress.operation());
        }
    }

    static String duration(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        if (seconds >= 60) {
            return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return String.format("%.1fs", elapsed.toMillis() / 1000.0);
    }
}
