package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.event.Event;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.JournalEvent;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.NodeEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.StepEvent;
import java.util.function.Supplier;

/**
 * The last gate before the console, the JSON log and the metrics: the text of every event that
 * carries any (a message, a step's detail, a build log line, a journal line) with the command's
 * known secrets masked. Core code never puts a secret in an event knowingly; this keeps a secret
 * that reached one by a path nobody foresaw (a PVE message quoting a parameter) off the screen.
 * {@code secrets} is asked at each event: the configuration's become known once it is loaded.
 */
final class RedactingEvents implements EventSink {

    private final EventSink next;
    private final Supplier<Redaction> secrets;

    RedactingEvents(EventSink next, Supplier<Redaction> secrets) {
        this.next = next;
        this.secrets = secrets;
    }

    @Override
    public void emit(Event event) {
        next.emit(masked(event));
    }

    /** Progress events, many a second, carry no text and are passed on as they are. */
    private Event masked(Event event) {
        if (event instanceof LogEvent log) {
            return log.withMessage(mask(log.message()));
        }
        if (event instanceof StepEvent step) {
            return new StepEvent(step.step(), step.status(), step.elapsed(), mask(step.detail()));
        }
        if (event instanceof OutputLine line) {
            return new OutputLine(line.source(), mask(line.line()));
        }
        if (event instanceof JournalEvent journal) {
            return new JournalEvent(journal.action(), mask(journal.what()));
        }
        if (event instanceof NodeEvent node) {
            return new NodeEvent(node.node(), masked(node.event()));
        }
        return event;
    }

    private String mask(String text) {
        return text == null ? null : secrets.get().apply(text);
    }
}
