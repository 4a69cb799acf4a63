package dev.matcalc.web;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The API's JSON writer: like Jackson's default, but {@code < > & '} are written as
 * {@code \u003C}-style escapes, so text a user typed (echoed in error messages, variable names)
 * can never read as markup, even if a response is wrongly shown as HTML.
 */
final class HtmlSafeJson extends CharacterEscapes {
    private final int[] escapes;

    private HtmlSafeJson() {
        escapes = CharacterEscapes.standardAsciiEscapesForJSON();
        for (char c : new char[]{'<', '>', '&', '\''}) escapes[c] = CharacterEscapes.ESCAPE_STANDARD;
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setCharacterEscapes(new HtmlSafeJson());
        return mapper;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return null;                                 // only the standard four-hex-digit escapes above
    }
}
