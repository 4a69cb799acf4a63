package dev.matcalc.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code matcalc diff|check|minimize|maximize|solve|serve|repl ...}. */
@Command(name = "matcalc", mixinStandardHelpOptions = true, version = "matcalc 0.1.0",
        description = "Symbolic matrix calculus: derivatives, gradients, Jacobians and Hessians of matrix expressions.")
public final class Main implements Runnable {
    public static final int OK = 0, CHECK_FAILED = 1, BAD_INPUT = 2, INTERNAL_ERROR = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The subcommands, in the order the usage lists them. */
    private static final List<String> COMMANDS = List.of("diff", "check", "minimize", "maximize", "solve", "serve", "repl", "help");

    private static Object command(String name) {
        return switch (name) {
            case "diff" -> new DiffCommand();
            case "check" -> new CheckCommand();
            case "minimize" -> new MinimizeCommand();
            case "maximize" -> new MaximizeCommand();
            case "solve" -> new SolveCommand();
            case "serve" -> new dev.matcalc.web.ServeCommand();
            case "repl" -> new dev.matcalc.repl.ReplCommand();
            default -> new CommandLine.HelpCommand();
        };
    }

    /** Runs the command line, returning its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Only the command asked for is registered: picocli reflects over the options of every command it
        // knows (loading their types, JSON and the web server's among them), which costs a short call more
        // than its own work. Usage, `help` and unknown names get them all (to list them or suggest one).
        String first = args.length > 0 ? args[0] : "";
        if (first.equals("--version") || first.equals("-V")) {
            // none needed
        } else if (COMMANDS.contains(first) && !first.equals("help")) {
            cli.addSubcommand(first, command(first));
        } else {
            for (String name : COMMANDS) cli.addSubcommand(name, command(name));
        }
        cli.setUnmatchedOptionsArePositionalParams(true);   // "-t'*log(p)" is an expression, not an option
        cli.setExpandAtFiles(false);                        // @FILE is an expression's file (ExpressionArgument), read whole
        cli.setExecutionExceptionHandler(Errors::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("matcalc: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
                CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, ex.getCommandLine().getErr());   // "dif" -> diff
            }
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to Errors.handle; an Error unwinds to here, its allocation already dropped
            cli.getErr().println("matcalc: out of memory (this JVM's heap is " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): the expression, its sizes or its data are too large; a larger heap: JAVA_TOOL_OPTIONS=-Xmx8g ./matcalc ...");
            cli.getErr().flush();
            return BAD_INPUT;
        } catch (StackOverflowError e) {
            cli.getErr().println("matcalc: the expression is too deeply nested to process");
            cli.getErr().flush();
            return BAD_INPUT;
        }
    }
}
