package dev.matcalc.calculus;

import dev.matcalc.syntax.SourceError;

/** A derivative the engine cannot give in the requested form; told to the user as a clear error. */
public class UnsupportedDerivative extends SourceError {
    public UnsupportedDerivative(String message) {
        super(message);
    }
}
