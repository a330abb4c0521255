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

    /** {@code path:line}, as every message names a place in the file. */
    String at(int line) {
        return Origin.file(path, line).toString();
    }

    static ConfigFile read(Path path) throws ConfigException {
        if (Files.isDirectory(path)) {
            throw notAConfigFile(path.toString(), "is a directory, not a configuration file");
        }
        if (!Files.exists(path)) {
            throw notAConfigFile(path.toString(), "the configuration file does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw notAConfigFile(path.toString(), "is not a regular file (a device, pipe or socket), so it holds "
                    + "no configuration");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw ConfigException.of(path.toString(), "", "cannot read the configuration file (permission denied)",
                    ConfigException.Reason.FILE_NOT_READABLE);
        } catch (NoSuchFileException e) {
            throw notAConfigFile(path.toString(), "the configuration file does not exist");
        } catch (IOException e) {
            throw notAConfigFile(path.toString(), "cannot read the configuration file ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw ConfigException.of(path.toString(), "", "the configuration file is larger than "
                    + MAX_BYTES / 1024 + " KiB, far more than any configuration needs",
                    ConfigException.Reason.FILE_TOO_LARGE);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw notAConfigFile(path + ":" + lineAt(bytes, i), "the file holds a NUL byte: it is binary, "
                        + "not YAML text");
            }
        }
        return new ConfigFile(path, decode(path, bytes));
    }

    private static ConfigException notAConfigFile(String where, String problem) {
        return ConfigException.of(where, "", problem, ConfigException.Reason.NOT_A_CONFIG_FILE);
    }

    private static String decode(Path path, byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new ConfigException(path + ":" + lineAt(bytes, at), "", "the file is not UTF-8 text (byte "
                    + String.format("0x%02X", bytes[at] & 0xff) + " at offset " + at + ")",
                    ConfigException.Reason.INVALID_VALUE, "save it as UTF-8; a binary file or another encoding cannot be a "
                    + "configuration");
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
