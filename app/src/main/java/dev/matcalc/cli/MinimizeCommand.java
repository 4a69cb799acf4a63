package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import picocli.CommandLine.Command;

@Command(name = "minimize", mixinStandardHelpOptions = true,
        description = {"Minimize a scalar expression over some of its variables, with data for the others and optional constraints.",
                "Exit status: 0 optimal, 1 any other outcome (the answer is still printed), 2 bad input.",
                "Example: matcalc minimize \"norm2(A*x - b)^2 + 0.1*norm1(x)\" --over x --data A=A.csv --data b=b.csv"})
final class MinimizeCommand extends ObjectiveCommand {
    @Override
    Optimization sense(String objective) {
        return Optimization.minimize(objective);
    }
}
