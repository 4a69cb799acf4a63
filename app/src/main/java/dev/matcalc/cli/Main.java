package dev.matcalc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code matcalc diff|check|minimize|maximize|solve|serve|repl ...}. */
@Command(name = "matcalc", mixinStandardHelpOptions = true, version = "matcalc 0.1.0",
        description = "Symbolic matrix calculus: derivatives, gradients, Jacobians and Hessians of matrix expressions.",
        subcommands = {DiffCommand.class, CheckCommand.class, MinimizeCommand.class, MaximizeCommand.class, SolveCommand.class, dev.matcalc.web.ServeCommand.class,
                dev.matcalc.repl.ReplCommand.class, CommandLine.HelpCommand.class})
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

    /** Runs the command line, returning its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setUnmatchedOptionsArePositionalParams(true);   // "-t'*log(p)" is an expression, not an option
        cli.setExpandAtFiles(false);                        // @FILE is an expression's file (ExpressionArgument), read whole
        cli.setExecutionExceptionHandler(Errors::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("matcalc: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        return cli.execute(args);
    }
}
