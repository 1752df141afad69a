#!/usr/bin/env python3
"""Reference values for ClaimStatisticsTest (org.seqlab.claims), independent of the Java code:
Student's t CDF by Simpson integration of the density (not the continued fraction StudentT uses),
its quantile by bisection, and the paired and Welch t tests written out from their textbook
formulas. SciPy is not installed on these machines; with it, scipy.stats.ttest_rel(a, b) and
ttest_ind(a, b, equal_var=False) give the same statistics and p-values.

Printed (2026-12-02):
paired 0.19 6.516946235415334 0.10905341076456455 0.27094658923543546 0.0028622148659160906 2.7764451051978023
welch -1.5 -1.1338934190276817 3.234718826405868 -5.542327954922851 2.5423279549228512 0.3338237000774934 3.055712710425765
"""
import math


def pdf(x, v):
    return math.exp(math.lgamma((v + 1) / 2) - math.lgamma(v / 2)) / math.sqrt(v * math.pi) * (1 + x * x / v) ** (-(v + 1) / 2)


def cdf(t, v, n=200000):
    a, b = 0.0, abs(t)
    h = (b - a) / n
    s = pdf(a, v) + pdf(b, v)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * pdf(a + i * h, v)
    half = s * h / 3
    return 0.5 + half if t >= 0 else 0.5 - half


def quantile(p, v):
    lo, hi = 0.0, 50.0
    for _ in range(60):
        m = (lo + hi) / 2
        if cdf(m, v, 20000) < p:
            lo = m
        else:
            hi = m
    return (lo + hi) / 2


def main():
    a = [0.9, 0.8, 0.85, 0.95, 0.7]
    b = [0.6, 0.65, 0.7, 0.8, 0.5]
    d = [x - y for x, y in zip(a, b)]
    n = len(d)
    m = sum(d) / n
    se = math.sqrt(sum((x - m) ** 2 for x in d) / (n - 1)) / math.sqrt(n)
    t = m / se
    q = quantile(0.975, n - 1)
    print("paired", m, t, m - q * se, m + q * se, 2 * (1 - cdf(t, n - 1)), q)
    a = [1, 2, 3, 4]
    b = [2, 4, 6]
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    va = sum((x - ma) ** 2 for x in a) / (len(a) - 1) / len(a)
    vb = sum((x - mb) ** 2 for x in b) / (len(b) - 1) / len(b)
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    t = (ma - mb) / se
    q = quantile(0.975, df)
    print("welch", ma - mb, t, df, ma - mb - q * se, ma - mb + q * se, 2 * cdf(-abs(t), df), q)


if __name__ == "__main__":
    main()
