package org.seqlab.experiment.builtin;

import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;

/**
 * The copy task scored on its recall steps only: every step whose target is the blank class
 * becomes padding (-1), so the masked cross-entropy and the accuracy metric see only the
 * symbols to recall, and the many easy blanks neither dominate the loss nor inflate accuracy.
 */
final class RecallOnly {
    static final Param PARAM = Param.bool("recall-only", false,
            "label only the recall steps (blank targets become padding), for the loss and accuracy");

    private RecallOnly() {}

    /** {@code data} with the blank class ({@code blank} = the number of symbols) relabelled as padding. */
    static TaskData applyIf(boolean on, int blank, TaskData data) {
        if (!on) {
            return data;
        }
        return new TaskData() {
            @Override
            public TaskShape shape() {
                return data.shape();
            }

            @Override
            public Split split(String name) {
                Split s = data.split(name);
                return new Split() {
                    @Override
                    public int size() {
                        return s.size();
                    }

                    @Override
                    public int length(int i) {
                        return s.length(i);
                    }

                    @Override
                    public Batch batch(int[] indices) {
                        Batch b = s.batch(indices);
                        int[] labels = b.labels().clone();
                        for (int i = 0; i < labels.length; i++) {
                            if (labels[i] == blank) {
                                labels[i] = -1;
                            }
                        }
                        return new Batch(b.inputs(), b.mask(), new org.seqlab.experiment.train.Target.FrameClasses(labels, b.steps()));
                    }
                };
            }
        };
    }
}
