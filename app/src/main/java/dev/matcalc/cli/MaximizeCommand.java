package dev.matcalc.cli;

import dev.matcalc.api.Optimization;
import picocli.CommandLine.Command;

@Command(name = "maximize", mixinStandardHelpOptions = true,
        description = {"Maximize a scalar expression (minimizing its negation; the objective is reported as written). Options as for minimize.",
                "Exit status: 0 optimal, 1 any other outcome (the answer is still printed), 2 bad input.",
                "Example: matcalc maximize \"logdet(S) - tr(S*C)\" --over S --let \"S:symmetric(n)\" --data C=C.csv"})
final class MaximizeCommand extends ObjectiveCommand {
    @Override
    Optimization sense(String objective) {
        return Optimization.maximize(objective);
    }
}
