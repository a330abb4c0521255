package dev.nixpve.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout {@code terraform fmt} gives a file, checked without Terraform. It follows hclwrite's
 * format.go: a line's indent is two spaces per open bracket level, where a line that opens
 * brackets (net) indents what follows by one level however many it opens, and a line that closes
 * them is itself indented at the level it returns to; in a run of consecutive lines that each
 * assign a whole single-line value ({@code name = value}), the {@code =} signs share the column
 * one past the longest name, and trailing comments likewise. Plus: no tabs, no trailing white
 * space, one newline at the end. Heredocs are not supported (none are used).
 */
final class TerraformStyle {

    private TerraformStyle() {
    }

    /** One line as hclwrite splits it: lead (before the =), the = position, a trailing comment. */
    private record Line(int number, String text, boolean blank, boolean codeBefore, int net, int equals,
                        int netFromEquals, int comment, boolean inBlockComment) {

        int indent() {
            int spaces = 0;
            while (spaces < text.length() && text.charAt(spaces) == ' ') {
                spaces++;
            }
            return spaces;
        }

        boolean hasAssign() {
            return equals > 0 && netFromEquals == 0;
        }

        boolean hasTrailingComment() {
            return comment >= 0 && codeBefore;
        }
    }

    static List<String> check(String content) {
        List<String> problems = new ArrayList<>();
        if (content.isEmpty() || !content.endsWith("\n") || content.endsWith("\n\n")) {
            problems.add("the file must end with exactly one newline");
        }
        if (content.contains("\r")) {
            problems.add("carriage returns: use Unix line ends");
        }
        List<Line> lines = scan(content, problems);
        for (Line line : lines) {
            if (line.text().contains("\t")) {
                problems.add(where(line) + "a tab; indent with spaces");
            }
            if (!line.text().equals(line.text().stripTrailing())) {
                problems.add(where(line) + "trailing white space");
            }
        }
        checkIndents(lines, problems);
        checkAlignment(lines, problems);
        return problems;
    }

    private static void checkIndents(List<Line> lines, List<String> problems) {
        List<Integer> indents = new ArrayList<>();
        for (Line line : lines) {
            if (line.blank() || line.inBlockComment()) {
                continue;
            }
            int expected;
            if (line.net() > 0) {
                expected = 2 * indents.size();
                indents.add(line.net());
            } else {
                int closed = -line.net();
                while (closed > 0 && !indents.isEmpty()) {
                    int top = indents.get(indents.size() - 1);
                    if (closed >= top) {
                        closed -= top;
                        indents.remove(indents.size() - 1);
                    } else {
                        indents.set(indents.size() - 1, top - closed);
                        closed = 0;
                    }
                }
                expected = 2 * indents.size();
            }
            if (line.indent() != expected) {
                problems.add(where(line) + "indented " + line.indent() + " spaces, terraform fmt indents " + expected);
            }
        }
    }

    private static void checkAlignment(List<Line> lines, List<String> problems) {
        List<Line> chain = new ArrayList<>();
        for (Line line : lines) {
            if (line.hasAssign()) {
                chain.add(line);
            } else {
                closeAssignChain(chain, problems);
            }
        }
        closeAssignChain(chain, problems);
        for (Line line : lines) {
            if (line.hasTrailingComment()) {
                chain.add(line);
            } else {
                closeCommentChain(chain, problems);
            }
        }
        closeCommentChain(chain, problems);
    }

    private static void closeAssignChain(List<Line> chain, List<String> problems) {
        int column = chain.stream().mapToInt(l -> l.text().substring(0, l.equals()).stripTrailing().length())
                .max().orElse(0) + 1;
        for (Line line : chain) {
            if (line.equals() != column) {
                problems.add(where(line) + "'=' in column " + (line.equals() + 1) + ", terraform fmt aligns it with "
                        + "the neighbouring attributes in column " + (column + 1));
            }
            if (line.text().length() > line.equals() + 2 && (line.text().charAt(line.equals() + 1) != ' '
                    || line.text().charAt(line.equals() + 2) == ' ')) {
                problems.add(where(line) + "one space after '=' please");
            }
        }
        chain.clear();
    }

    private static void closeCommentChain(List<Line> chain, List<String> problems) {
        int column = chain.stream().mapToInt(l -> l.text().substring(0, l.comment()).stripTrailing().length())
                .max().orElse(0) + 1;
        for (Line line : chain) {
            if (line.comment() != column) {
                problems.add(where(line) + "trailing comment in column " + (line.comment() + 1)
                        + ", terraform fmt aligns it in column " + (column + 1));
            }
        }
        chain.clear();
    }

    /** Bracket counts, the first '=' and comments of each line, outside strings and comments. */
    private static List<Line> scan(String content, List<String> problems) {
        List<Line> result = new ArrayList<>();
        String[] texts = content.split("\n", -1);
        boolean inBlockComment = false;
        for (int n = 0; n < texts.length - (content.endsWith("\n") ? 1 : 0); n++) {
            String text = texts[n];
            boolean startsInComment = inBlockComment;
            int net = 0;
            int equals = -1;
            int netAtEquals = 0;
            int comment = -1;
            boolean code = false;
            boolean codeBeforeComment = false;
            List<Character> modes = new ArrayList<>(); // 's' in a string, 'i' in an interpolation
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
                if (inBlockComment) {
                    if (c == '*' && next == '/') {
                        inBlockComment = false;
                        i++;
                    }
                    continue;
                }
                boolean inString = !modes.isEmpty() && modes.get(modes.size() - 1) == 's';
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        modes.remove(modes.size() - 1);
                    } else if ((c == '$' || c == '%') && next == '{') {
                        modes.add('i');
                        net++;
                        i++;
                    }
                    continue;
                }
                if (c == '#' || (c == '/' && next == '/')) {
                    comment = i;
                    codeBeforeComment = code;
                    break;
                }
                if (c == '/' && next == '*') {
                    if (comment < 0) {
                        comment = i;
                        codeBeforeComment = code;
                    }
                    inBlockComment = true;
                    i++;
                    continue;
                }
                if (c == '<' && next == '<') {
                    problems.add("line " + (n + 1) + ": a heredoc; this check does not support them");
                }
                if (c != ' ') {
                    code = true;
                }
                switch (c) {
                    case '"' -> modes.add('s');
                    case '{', '[', '(' -> {
                        net++;
                        if (c == '{' && !modes.isEmpty()) {
                            modes.add('b');
                        }
                    }
                    case '}', ']', ')' -> {
                        net--;
                        if (c == '}' && !modes.isEmpty()) {
                            modes.remove(modes.size() - 1);
                        }
                    }
                    case '=' -> {
                        char before = i > 0 ? text.charAt(i - 1) : ' ';
                        boolean operator = next == '=' || next == '>' || "=!<>".indexOf(before) >= 0;
                        if (!operator && equals < 0 && !text.substring(0, i).isBlank()) {
                            equals = i;
                            netAtEquals = net;
                        }
                    }
                    default -> { }
                }
            }
            result.add(new Line(n + 1, text, text.isBlank(), codeBeforeComment, net, equals,
                    equals < 0 ? 0 : net - netAtEquals, comment, startsInComment));
        }
        return result;
    }

    private static String where(Line line) {
        return "line " + line.number() + ": ";
    }
}
