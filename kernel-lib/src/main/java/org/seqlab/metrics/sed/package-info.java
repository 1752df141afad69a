/**
 * Sound event detection scoring as the DCASE community does it, so that Seqlab's numbers can be
 * put beside published ones.
 *
 * <p>Semantics follow two reference tools exactly, edge cases included (the peers' own test
 * cases are run against {@code ./seqlab score} by {@code shared/conformance/metrics/check.py}):
 * <ul>
 *   <li>sed_eval 0.2.1 (Mesaros, Heittola, Virtanen, "Metrics for polyphonic sound event
 *       detection", Applied Sciences 2016): {@link SegmentBasedMetrics}, {@link EventBasedMetrics}
 *       with optimal (maximum bipartite) matching, {@link TaggingMetrics}. Each file is evaluated
 *       on its own and the counts are summed; rates come from the sums ({@link Counts}).</li>
 *   <li>psds_eval 0.3.0 (Bilen et al., "A framework for the robust evaluation of sound event
 *       detection", ICASSP 2020): {@link PsdsEval}.</li>
 * </ul>
 *
 * <p>Inputs are DCASE TSV files ({@link EventTsv}): {@code filename onset offset event_label}
 * events and {@code filename duration} durations. The files scored are the union of those named
 * by the reference, the estimate and the durations ({@link SedData}).
 */
package org.seqlab.metrics.sed;
