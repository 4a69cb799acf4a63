/**
 * Test support shared by the engine's tests: numeric comparison of symbolic derivatives with
 * central finite differences ({@link dev.matcalc.testing.NumericCheck}) and a seeded generator of
 * well-shaped random matcalc expressions ({@link dev.matcalc.testing.RandomExpressions}).
 */
package dev.matcalc.testing;
