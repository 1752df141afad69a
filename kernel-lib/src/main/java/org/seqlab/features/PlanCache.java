package org.seqlab.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-thread plans (windows, FFT tables, filterbanks, scratch buffers) keyed by the spec value.
 * Specs are immutable records shared freely between threads, while plans own mutable buffers;
 * keeping plans per thread makes extraction allocation-light without any locking.
 */
final class PlanCache {
    private static final int PLANS_PER_THREAD = 16;

    private static final ThreadLocal<Map<Object, Object>> PLANS = ThreadLocal.withInitial(
            () -> new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                    return size() > PLANS_PER_THREAD;
                }
            });

    private PlanCache() {
    }

    @SuppressWarnings("unchecked")
    static <S, P> P get(S spec, Function<S, P> make) {
        Map<Object, Object> plans = PLANS.get();
        Object plan = plans.get(spec);
        if (plan == null) {
            plan = make.apply(spec);
            plans.put(spec, plan);
        }
        return (P) plan;
    }
}
