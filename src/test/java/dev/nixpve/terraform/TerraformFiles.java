package dev.nixpve.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.BooleanPrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.ListPrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.MapPrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.NumberPrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.StringPrimitiveType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The repository's terraform/ directory, read with hcl4j (and, where hcl4j loses detail, as text). */
final class TerraformFiles {

    static final Path ROOT = Path.of("terraform");
    static final Path MODULE = ROOT.resolve("modules/nixos-cluster");
    static final Path LOOKUP_EXAMPLE = ROOT.resolve("examples/lookup-by-tag");

    private static final Pattern VAR_REFERENCE = Pattern.compile("\\bvar\\.([a-z_][a-z0-9_]*)");

    private TerraformFiles() {
    }

    /** Every .tf file under terraform/, outside .terraform working directories. */
    static List<Path> tfFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".tf"))
                    .filter(p -> !p.toString().contains("/.terraform/")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> tfFiles(Path directory) {
        return tfFiles().stream().filter(p -> p.getParent().equals(directory)).toList();
    }

    static Map<String, Object> parse(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError("hcl4j cannot parse " + file + ": " + e, e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variable blocks declared by the .tf files of one directory (a module). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> variables(Path directory) {
        Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
        for (Path file : tfFiles(directory)) {
            Object declared = parse(file).get("variable");
            if (declared instanceof Map<?, ?> map) {
                map.forEach((name, body) -> variables.put((String) name, (Map<String, Object>) body));
            }
        }
        return variables;
    }

    /**
     * A variable's type as written: string, number, bool, list(T), map(T). hcl4j 0.9.4 parses the
     * type constructor but drops its element type, so that part is read from the declaration's text
     * ({@code map(object({...}))} reads as {@code map(object)}).
     */
    static String type(Path directory, String variable, Map<String, Object> body) {
        Object type = body.get("type");
        if (type instanceof StringPrimitiveType) {
            return "string";
        }
        if (type instanceof NumberPrimitiveType) {
            return "number";
        }
        if (type instanceof BooleanPrimitiveType) {
            return "bool";
        }
        String kind = type instanceof MapPrimitiveType ? "map" : type instanceof ListPrimitiveType ? "list" : null;
        if (kind == null) {
            throw new AssertionError("variable " + variable + " in " + directory + " has no type this test knows: " + type);
        }
        Pattern declaration = Pattern.compile("variable \"" + variable + "\" \\{[^}]*?type\\s*=\\s*" + kind
                + "\\((\\w+)[()]");
        for (Path file : tfFiles(directory)) {
            Matcher matcher = declaration.matcher(text(file));
            if (matcher.find()) {
                return kind + "(" + matcher.group(1) + ")";
            }
        }
        return kind;
    }

    /** The attributes passed in {@code module "name" { ... }} of a file, source included. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> moduleCall(Path file, String name) {
        Map<String, Object> modules = (Map<String, Object>) parse(file).get("module");
        if (modules == null || !modules.containsKey(name)) {
            throw new AssertionError(file + " has no module \"" + name + "\"");
        }
        return (Map<String, Object>) modules.get(name);
    }

    /** Every var.NAME the .tf files of a directory refer to. */
    static Set<String> variableReferences(Path directory) {
        Set<String> names = new TreeSet<>();
        for (Path file : tfFiles(directory)) {
            Matcher matcher = VAR_REFERENCE.matcher(text(file));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
