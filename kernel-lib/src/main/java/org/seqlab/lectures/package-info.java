/**
 * Analysis helpers for the lecture notebooks (BPTT, LSTM vs GRU): quantities the notebooks
 * plot and tabulate that are neither a model nor a training loop, kept here so that they are
 * unit-tested instead of living untested in notebook cells.
 */
package org.seqlab.lectures;
