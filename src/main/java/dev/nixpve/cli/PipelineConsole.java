package dev.nixpve.cli;

import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.EventVisitor;
import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.MeasuredEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.event.RunFinishedEvent;
import dev.nixpve.event.RunStartedEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
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
 * they advance, what was created and removed, and progress bars (bytes, rate, ETA) for uploads and
 * the install. On a terminal a running step's line is rewritten in place when it ends, unless
 * something was printed below it. Without a terminal the bars become quarter-way lines and each
 * install message is printed once, so logs and snapshot tests stay stable.
 */
final class PipelineConsole implements EventSink, EventVisitor {

    private static final String INSTALL_BAR = "install";
    private static final String CLEAR_LINE = "\r\033[2K";

    private final CliContext context;
    private final boolean terminal;
    private final PrintStream barStream;
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final Map<String, Integer> quarters = new HashMap<>();
    private StepId runningStepLine;
    /** The last install message shown, by node prefix ("" for a one-node run). */
    private final Map<String, String> lastInstallLines = new HashMap<>();
    /** "[pve2] " while a node's event of a run over several nodes is shown; else empty. */
    private String prefix = "";

    PipelineConsole(CliContext context, boolean terminal, PrintStream barStream) {
        this.context = context;
        this.terminal = terminal;
        this.barStream = barStream;
    }

    @Override
    public synchronized void emit(Event event) {
        if (!(event instanceof StepEvent)) {
            endRunningStepLine();
        }
        event.accept(this);
        context.out().flush();
    }

    @Override
    public void step(StepEvent step) {
        String line = switch (step.status()) {
            case STARTED -> null;
            case DONE -> String.format("%s  ✓ %-11s %7s  %s", prefix, step.step(), duration(step.elapsed()),
                    step.detail());
            case SKIPPED -> String.format("%s  - %-11s %7s  skipped: %s", prefix, step.step(), "", step.detail());
            case FAILED -> String.format("%s  ✗ %-11s %7s  failed", prefix, step.step(), duration(step.elapsed()));
        };
        if (line == null) {
            if (live()) {
                endRunningStepLine();
                runningStepLine = step.step();
                context.out().print("  … " + step.step());
            }
            return;
        }
        bars.values().forEach(ProgressBar::close); // a bar the step left open (a failed install) ends with it
        bars.clear();
        if (step.step().equals(runningStepLine)) {
            TerminalWriter.control(context.out(), CLEAR_LINE); // nothing was printed below it: rewrite it in place
            runningStepLine = null;
        } else {
            endRunningStepLine();
        }
        context.out().println(Terminal.oneLine(line));
    }

    @Override
    public void installPhase(InstallPhaseEvent phase) {
        if (live()) {
            ProgressBar bar = bars.computeIfAbsent(INSTALL_BAR, op -> bar(op, 100, "%", 1, false));
            bar.stepTo(phase.percent());
            bar.setExtraMessage(Terminal.oneLine(phase.phase() + ": " + phase.message())); // straight to the terminal
            if (phase.percent() >= 100 || phase.phase().equals("failed")) {
                bars.remove(INSTALL_BAR).close();
            }
            return;
        }
        String line = String.format("%s    install: %-10s %3d%%  %s", prefix, phase.phase(), phase.percent(),
                phase.message());
        String said = phase.phase() + "\n" + phase.message();
        if (!said.equals(lastInstallLines.get(prefix))) { // only the percentage moved: nothing new to read
            lastInstallLines.put(prefix, said);
            context.out().println(Terminal.oneLine(line));
        }
    }

    @Override
    public void journal(JournalEvent journal) {
        String mark = switch (journal.action()) {
            case CREATED -> "+ created";
            case ADOPTED -> "+ adopted";
            case REMOVED -> "- removed";
            case KEPT -> "! kept";
            case LEFT_BEHIND -> "! left behind";
        };
        context.out().println(Terminal.oneLine(prefix + "    " + mark + " " + journal.what()));
    }

    @Override
    public void progress(ProgressEvent progress) {
        if (live()) {
            ProgressBar bar = bars.computeIfAbsent(progress.operation(), op -> byteBar(op, progress.total()));
            bar.stepTo(progress.done());
            if (progress.finished()) {
                bars.remove(progress.operation()).close();
            }
            return;
        }
        if (progress.total() <= 0) {
            return;
        }
        String operation = prefix + progress.operation();
        int quarter = (int) (progress.done() * 4 / progress.total());
        int shown = quarters.getOrDefault(operation, -1);
        if (quarter > shown) {
            quarters.put(operation, quarter);
            context.out().printf("%s    %s: %d%% of %s%n", prefix, progress.operation(), quarter * 25,
                    Bytes.format(progress.total()));
        }
        if (progress.finished()) {
            quarters.remove(operation);
        }
    }

    @Override
    public void output(OutputLine line) {
        if (context.verbose().get()) {
            context.out().println(Terminal.oneLine(prefix + "    [" + line.source() + "] " + line.line()));
        }
    }

    @Override
    public void log(LogEvent log) {
        LogLines.print(context, prefix.isEmpty() ? log : log.withMessage(prefix + log.message()));
    }

    /**
     * Nodes of one run build at once, so their lines interleave: each is prefixed with its node,
     * and no line is rewritten in place nor drawn as a bar.
     */
    @Override
    public void node(NodeEvent event) {
        String outer = prefix;
        prefix = "[" + event.node() + "] ";
        try {
            event.event().accept(this);
        } finally {
            prefix = outer;
        }
    }

    /** Whether lines may be rewritten in place and bars drawn: on a terminal, outside a node's event. */
    private boolean live() {
        return terminal && prefix.isEmpty();
    }

    private void endRunningStepLine() {
        if (runningStepLine != null) {
            context.out().println();
            runningStepLine = null;
        }
    }

    /** A bar in the unit that shows the file's real size: MiB for an ISO, KiB or bytes for a small file. */
    private ProgressBar byteBar(String operation, long total) {
        long max = Math.max(total, 1);
        if (max >= 1L << 20) {
            return bar(operation, max, " MiB", 1L << 20, true);
        }
        return max >= 1L << 10 ? bar(operation, max, " KiB", 1L << 10, true) : bar(operation, max, " B", 1, true);
    }

    private ProgressBar bar(String operation, long max, String unit, long unitSize, boolean speed) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(operation.length() > 30 ? operation.substring(0, 30) : operation)
                .setInitialMax(max).setUnit(unit, unitSize)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(barStream));
        return (speed ? builder.showSpeed() : builder).build();
    }

    static String duration(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        if (seconds >= 60) {
            return seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return String.format("%.1fs", elapsed.toMillis() / 1000.0);
    }

    @Override
    public void runStarted(RunStartedEvent event) {
        // the summary and the report tell these: its run id, outcome and numbers
    }

    @Override
    public void runFinished(RunFinishedEvent event) {
        // the summary and the report tell these
    }

    @Override
    public void measured(MeasuredEvent event) {
        // the summary and the report tell these
    }
}
