package dev.nixpve.sim.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PVE's hand-written multipart parser for uploads, as strict as the original: text parts first,
 * where nothing counts before {@code content}; then the file part, recognised only when its first
 * header is {@code Content-Disposition: form-data; name="filename"; filename="..."}; its bytes are
 * streamed to the sink, never held in memory.
 */
final class MultipartReader {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_TEXT_PART = 64 * 1024;
    private static final Pattern FILE_PART = Pattern.compile(
            "Content-Disposition: form-data; name=\"filename\"; filename=\"([^\"]*)\"");
    private static final Pattern TEXT_PART = Pattern.compile("(?i)Content-Disposition:\\s*form-data;\\s*name=\"([^\"]*)\"");

    /** What the text parts said and the file part's name; {@code fileName} empty when no file part came. */
    record Parts(Map<String, String> fields, Optional<String> fileName, long fileBytes) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[CHUNK];
    private int start;
    private int end;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads the body; {@code sink} receives the file part's bytes once the text parts are known. */
    Parts read(java.util.function.Function<Map<String, String>, OutputStream> sink) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!skipPreamble()) {
            return new Parts(fields, Optional.empty(), 0);
        }
        boolean contentSeen = false;
        while (true) {
            String firstHeader = readLine();
            if (firstHeader == null || firstHeader.startsWith("--")) {
                return new Parts(fields, Optional.empty(), 0);
            }
            String header = firstHeader;
            while (header != null && !header.isEmpty()) {
                header = readLine();
            }
            Matcher file = FILE_PART.matcher(firstHeader);
            if (file.matches()) {
                try (OutputStream out = sink.apply(Map.copyOf(fields))) {
                    long bytes = copyUntilDelimiter(out);
                    return new Parts(fields, Optional.of(file.group(1)), bytes);
                }
            }
            String value = readTextUntilDelimiter();
            Matcher text = TEXT_PART.matcher(firstHeader);
            String name = text.find() ? text.group(1) : "";
            if (name.equals("content")) {
                contentSeen = true;
            }
            if (contentSeen) {
                fields.putIfAbsent(name, value);
            }
            String rest = readLine();
            if (rest == null || rest.startsWith("--")) {
                return new Parts(fields, Optional.empty(), 0);
            }
        }
    }

    /** Skips to just after the first boundary line. */
    private boolean skipPreamble() throws IOException {
        byte[] first = Arrays.copyOfRange(delimiter, 2, delimiter.length);
        String line;
        while ((line = readLine()) != null) {
            if (line.equals(new String(first, StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }

    private String readTextUntilDelimiter() throws IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        copyUntilDelimiter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (text.size() >= MAX_TEXT_PART) {
                    throw new IOException("multipart text part too large");
                }
                text.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (text.size() + length > MAX_TEXT_PART) {
                    throw new IOException("multipart text part too large");
                }
                text.write(bytes, offset, length);
            }
        });
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Copies bytes up to the next delimiter (consumed); the remainder of its line stays unread. */
    private long copyUntilDelimiter(OutputStream out) throws IOException {
        long copied = 0;
        while (true) {
            int found = indexOf(delimiter, start, end);
            if (found >= 0) {
                out.write(buffer, start, found - start);
                copied += found - start;
                start = found + delimiter.length;
                return copied;
            }
            int keep = Math.min(delimiter.length - 1, end - start);
            int safe = end - keep;
            out.write(buffer, start, safe - start);
            copied += safe - start;
            start = safe;
            if (!fill()) {
                out.write(buffer, start, end - start);
                return copied + end - start;
            }
        }
    }

    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            if (start == end && !fill()) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            byte b = buffer[start++];
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
            if (line.size() > MAX_TEXT_PART) {
                throw new IOException("multipart header line too long");
            }
        }
    }

    /** Moves unread bytes to the front and reads more; false at the end of the body. */
    private boolean fill() throws IOException {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
        int read = in.read(buffer, end, buffer.length - end);
        if (read <= 0) {
            return false;
        }
        end += read;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
