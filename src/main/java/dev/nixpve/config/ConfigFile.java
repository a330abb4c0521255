package dev.nixpve.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The configuration file's text, read only when it is a regular file of at most {@link #MAX_BYTES}
 * holding UTF-8 text; otherwise an error that names the real problem (a directory, a device, too
 * large, binary, not UTF-8 and where).
 */
record ConfigFile(Path path, String text) {

    /** Hundreds of times a full configuration; a 10 MB comment line took 17 s and 0.8 GB to parse. */
    static final int MAX_BYTES = 256 * 1024;

    private static final String CONFIG_HINT = "Hint: check the path given with --config, or copy "
            + "examples/nixpve.yaml there.";

    /** {@code path:line}, as every message names a place in the file. */
    String at(int line) {
        return Origin.file(path, line).toString();
    }

    static ConfigFile read(Path path) throws ConfigException {
        if (Files.isDirectory(path)) {
            throw new ConfigException(path + ": is a directory, not a configuration file. " + CONFIG_HINT);
        }
        if (!Files.exists(path)) {
            throw new ConfigException(path + ": the configuration file does not exist. " + CONFIG_HINT);
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(path + ": is not a regular file (a device, pipe or socket), so it holds no "
                    + "configuration. " + CONFIG_HINT);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw new ConfigException(path + ": cannot read the configuration file (permission denied). Hint: "
                    + "make it readable by the user that runs nixpve.");
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": the configuration file does not exist. " + CONFIG_HINT);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read the configuration file (" + e.getClass().getSimpleName()
                    + "). " + CONFIG_HINT);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(path + ": the configuration file is larger than " + MAX_BYTES / 1024
                    + " KiB, far more than any configuration needs. Hint: check that --config names nixpve.yaml "
                    + "and not another file.");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ConfigException(path + ":" + lineAt(bytes, i) + ": the file holds a NUL byte: it is "
                        + "binary, not YAML text. " + CONFIG_HINT);
            }
        }
        return new ConfigFile(path, decode(path, bytes));
    }

    private static String decode(Path path, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new ConfigException(path + ":" + lineAt(bytes, at) + ": the file is not UTF-8 text (byte "
                    + String.format("0x%02X", bytes[at] & 0xff) + " at offset " + at + "). Hint: save it as UTF-8; "
                    + "a binary file or another encoding cannot be a configuration.");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
