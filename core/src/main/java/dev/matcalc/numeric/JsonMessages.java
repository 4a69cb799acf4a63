package dev.matcalc.numeric;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in matcalc's words: where (line and column) and what is wrong, without
 * Jackson's internals ({@code [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`
 * disabled); line: 1, column: 7]}, "close marker", character codes). Every reader of JSON that a user
 * typed (values files, {@code --at}, the REPL's {@code at}, the web API's bodies) reports through here.
 */
public final class JsonMessages {
    private JsonMessages() { }

    private static final Pattern START_MARKER = Pattern.compile("start marker at \\[[^]]*line: (\\d+), column: (\\d+)]");
    private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '([^']*)'");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '([^']*)'");

    /** {@code line 2, column 1: the input ends before the array opened at line 1, column 7 is closed by ']'}. */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        return where + reason(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
    }

    static String reason(String jackson) {
        String opened = "";
        Matcher start = START_MARKER.matcher(jackson);
        if (start.find()) opened = " opened at line " + start.group(1) + ", column " + start.group(2);
        if (jackson.startsWith("Unexpected end-of-input")) {
            if (jackson.contains("Array")) return opened.isEmpty() ? "the input ends inside an array: a closing ']' is missing"
                    : "the input ends before the array" + opened + " is closed by ']'";
            if (jackson.contains("Object")) return opened.isEmpty() ? "the input ends inside an object: a closing '}' is missing"
                    : "the input ends before the object" + opened + " is closed by '}'";
            if (jackson.contains("String")) return "the input ends inside a string: a closing '\"' is missing";
            return "the input ends before the JSON value is complete";
        }
        if (jackson.startsWith("No content to map") || jackson.contains("end-of-input")) return "no JSON value, the input is empty";
        Matcher dup = DUPLICATE.matcher(jackson);
        if (dup.find()) return "'" + dup.group(1) + "' is given twice";
        if (jackson.startsWith("Trailing token")) return "more text after the end of the JSON value";
        Matcher token = TOKEN.matcher(jackson);
        if (token.find())
            return "'" + token.group(1) + "' is not a JSON value (a number, an array [..], an object {..}, true, false or null)";
        Matcher ch = CHARACTER.matcher(jackson);
        if (ch.find()) {
            String c = ch.group(1);
            if (jackson.contains("double-quote to start field name"))
                return c.equals("'") ? "names are written in double quotes (\"x\"), not single ones"
                        : "expected a name in double quotes (\"x\"), found '" + c + "'"
                        + (c.equals("}") || c.equals("]") ? " (a trailing comma?)" : "");
            if (jackson.contains("comma to separate Array")) return "expected ',' or ']' in an array" + opened + ", found '" + c + "'";
            if (jackson.contains("comma to separate Object")) return "expected ',' or '}' in an object" + opened + ", found '" + c + "'";
            if (jackson.contains("colon to separate")) return "expected ':' after a name, found '" + c + "'";
            if (c.equals("'")) return "strings are written in double quotes, not single ones";
            if (c.equals("]") || c.equals("}")) return "unexpected '" + c + "' (a trailing comma?)";
            return "unexpected '" + c + "'";
        }
        // anything else: Jackson's first sentence, without its internals
        String plain = jackson.replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "")
                .replaceAll("\\s*at \\[Source: [^]]*]", "")
                .replaceAll("\\[Source: [^]]*]", "");
        int newline = plain.indexOf('\n');
        return (newline < 0 ? plain : plain.substring(0, newline)).strip();
    }
}
