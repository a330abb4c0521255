package dev.nixpve.cli;

import dev.nixpve.config.Redaction;
import dev.nixpve.config.Suggestions;
import java.util.List;
import picocli.CommandLine;

/**
 * A command line picocli cannot parse (an unknown option, a value it cannot convert, a missing
 * required option) becomes one paragraph, like every other usage error: what is wrong, naming the
 * option, then "Hint:" and where the options are listed. picocli's own handler printed the whole
 * usage text after the message, 30 to 70 lines in which the one that mattered got lost. Values are
 * shown as typed, so the environment's secrets are masked (a token pasted after the wrong flag).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    private final CliContext context;

    UsageErrors(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        Redaction secrets = context.secrets().redaction();
        CommandLine command = error.getCommandLine();
        context.err().println("error: " + Terminal.oneLine(secrets.apply(describe(error, command))));
        if (context.verbose().get()) {
            java.io.StringWriter trace = new java.io.StringWriter();
            error.printStackTrace(new java.io.PrintWriter(trace));
            context.err().print(secrets.apply(trace.toString()));
        }
        context.err().flush();
        return ExitCodes.USAGE;
    }

    static String describe(CommandLine.ParameterException error, CommandLine command) {
        String message = error.getMessage() == null ? "the command line cannot be read" : error.getMessage().strip();
        String help = "'" + command.getCommandSpec().qualifiedName() + " --help'";
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions().isEmpty()
                    ? closestSubcommand(unmatched, command) : unmatched.getSuggestions();
            String didYouMean = suggestions.isEmpty() ? "" : "did you mean " + String.join(" or ", suggestions) + "? ";
            return message + ". Hint: " + didYouMean + help + " lists the options and subcommands.";
        }
        if (message.contains("Hint: ")) {
            return message; // a command's own check, worded with its remedy
        }
        return message + ". Hint: " + help + " says what each option takes.";
    }

    /** picocli suggests options; a mistyped subcommand ('templates purge') gets the closest one here. */
    private static List<String> closestSubcommand(CommandLine.UnmatchedArgumentException unmatched,
                                                  CommandLine command) {
        return unmatched.getUnmatched().stream().findFirst()
                .flatMap(word -> Suggestions.closest(word, command.getSubcommands().keySet()))
                .map(List::of).orElse(List.of());
    }
}
