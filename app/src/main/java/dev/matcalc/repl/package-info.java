/**
 * {@code matcalc repl}: an interactive session. {@link dev.matcalc.repl.Repl} interprets lines
 * (commands and expressions) and knows nothing of terminals, so it is tested by feeding it lines;
 * {@link dev.matcalc.repl.TerminalRepl} adds JLine's line editing, history and completion when a
 * terminal is attached.
 */
package dev.matcalc.repl;
