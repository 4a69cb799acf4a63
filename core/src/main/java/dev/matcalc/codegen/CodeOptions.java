package dev.matcalc.codegen;

import dev.matcalc.syntax.SourceError;

/**
 * How generated code is packaged: the function's name ({@code fAndG} unless told), whether the
 * self-test helpers ({@code randomInputs}, {@code checkGradient}, the {@code __main__} block)
 * come with it, and for Java the class and its package.
 */
public record CodeOptions(String functionName, boolean selfCheck, String className, String packageName) {
    public static final CodeOptions DEFAULT = new CodeOptions("fAndG", true, "MatcalcFunction", null);

    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

    public CodeOptions {
        if (functionName == null) functionName = DEFAULT.functionName;
        if (className == null) className = DEFAULT.className;
        if (!functionName.matches(IDENTIFIER))
            throw new SourceError("--name must be an identifier (letters, digits, _), got '" + functionName + "'");
        if (!className.matches(IDENTIFIER))
            throw new SourceError("--class must be an identifier (letters, digits, _), got '" + className + "'");
        if (packageName != null && !packageName.matches(IDENTIFIER + "(\\." + IDENTIFIER + ")*"))
            throw new SourceError("--package must be a Java package name such as com.example.model, got '" + packageName + "'");
        if (Identifiers.PYTHON_KEYWORDS.contains(functionName) || Identifiers.JAVA_RESERVED.contains(functionName))
            throw new SourceError("--name " + functionName + " is a reserved word or a name the generated code uses itself");
    }

    public CodeOptions withName(String name) {
        return new CodeOptions(name, selfCheck, className, packageName);
    }

    public CodeOptions withoutCheck() {
        return new CodeOptions(functionName, false, className, packageName);
    }
}
