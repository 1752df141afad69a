// Loaded by the tour notebook with %load: plain Java snippets, as a cell would hold them.
double rms(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s / x.length);
}
