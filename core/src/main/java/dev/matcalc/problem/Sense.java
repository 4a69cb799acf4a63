package dev.matcalc.problem;

/** Whether the objective is minimized or maximized. */
public enum Sense {
    MIN, MAX
}
