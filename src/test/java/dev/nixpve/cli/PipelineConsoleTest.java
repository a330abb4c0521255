package dev.nixpve.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nixpve.event.InstallPhaseEvent;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.event.StepEvent;
import dev.nixpve.event.StepId;
import dev.nixpve.testing.FakeClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PipelineConsoleTest {

    private final StringWriter out = new StringWriter();
    private final ByteArrayOutputStream bars = new ByteArrayOutputStream();

    private PipelineConsole console(boolean terminal) {
        FakeClock clock = new FakeClock();
        CliContext context = new CliContext(Map.of(), Path.of("."), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), clock, clock, new AtomicBoolean());
        return new PipelineConsole(context, terminal, new PrintStream(bars, true, StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalAStepIsOneLineRewrittenInPlace() {
        PipelineConsole console = console(true);

        console.emit(StepEvent.started(StepId.RENDER));
        console.emit(new StepEvent(StepId.RENDER, StepEvent.Status.DONE, Duration.ofSeconds(2), "build 3f9c"));

        assertEquals("  … render\r\033[2K  ✓ render         2.0s  build 3f9c\n", out.toString());
    }

    @Test
    void nodesBuildingAtOnceEachPrefixTheirLinesAndNothingIsRewrittenInPlace() {
        PipelineConsole console = console(true);

        console.emit(new NodeEvent("pve1", StepEvent.started(StepId.INSTALL)));
        console.emit(new NodeEvent("pve2", new JournalEvent(JournalEvent.Action.CREATED, "VM 9200 on pve2")));
        console.emit(new NodeEvent("pve1", new StepEvent(StepId.INSTALL, StepEvent.Status.DONE, Duration.ofMinutes(2),
                "installed")));

        assertEquals("[pve2]     + created VM 9200 on pve2\n[pve1]   ✓ install       2m00s  installed\n", out.toString());
        assertEquals("", bars.toString(StandardCharsets.UTF_8), "no bars while nodes interleave");
    }

    @Test
    void aStepWithLinesBelowItEndsOnALineOfItsOwn() {
        PipelineConsole console = console(true);

        console.emit(StepEvent.started(StepId.CREATE_VM));
        console.emit(new JournalEvent(JournalEvent.Action.CREATED, "VM 9100 on pve1"));
        console.emit(new StepEvent(StepId.CREATE_VM, StepEvent.Status.DONE, Duration.ofSeconds(1), "VM 9100"));

        assertEquals("  … create-vm\n    + created VM 9100 on pve1\n  ✓ create-vm      1.0s  VM 9100\n",
                out.toString());
    }

    @Test
    void withoutATerminalNoRunningLineIsPrintedAndEachInstallMessageOnce() {
        PipelineConsole console = console(false);

        console.emit(StepEvent.started(StepId.INSTALL));
        console.emit(new InstallPhaseEvent("install", 36, "nixos-install"));
        console.emit(new InstallPhaseEvent("install", 45, "nixos-install"));
        console.emit(new InstallPhaseEvent("install", 53, "copying the closure"));

        assertEquals("    install: install     36%  nixos-install\n"
                + "    install: install     53%  copying the closure\n", out.toString());
    }

    @Test
    void onATerminalTheInstallIsABarAndSmallUploadsShowTheirRealSize() {
        PipelineConsole console = console(true);

        console.emit(new InstallPhaseEvent("partition", 10, "partitioning /dev/sda"));
        console.emit(new InstallPhaseEvent("done", 100, "installed"));
        console.emit(new ProgressEvent("upload tiny.iso", 0, 3000));
        console.emit(new ProgressEvent("upload tiny.iso", 3000, 3000));

        String shown = bars.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("100%"), shown);
        assertTrue(shown.contains("done: installed"), shown);
        assertTrue(shown.contains("/2 KiB") || shown.contains("/3 KiB"), shown);
        assertFalse(shown.contains("0/0 MiB"), shown);
        assertFalse(out.toString().contains("install:"), out.toString());
    }
}
