package org.seqlab.experiment.builtin;

import java.util.List;
import java.util.Map;
import org.seqlab.data.batch.Sequence;
import org.seqlab.data.batch.SequenceBatch;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.Split;
import org.seqlab.experiment.train.TaskData;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.experiment.train.Target;
import org.seqlab.experiment.train.Task;

/**
 * Generated sequence corpora (toy tasks, character windows) as the trainer's splits: padded to
 * the longest sequence of a batch with a mask by {@code data.batch.SequenceBatch}, with class
 * labels or real targets per the task.
 */
final class SequenceTasks {
    private SequenceTasks() {}

    /** How a data-branch target becomes labels: argmax of one-hot rows, a 0/1 value, or a real value. */
    enum Labels { ONE_HOT, BINARY, VALUE, IDS, EXAMPLE_LABEL }

    record Data(TaskShape shape, Map<String, Split> splits) implements TaskData {
        @Override
        public Split split(String name) {
            Split s = splits.get(name);
            if (s == null) {
                throw new IllegalArgumentException("no split '" + name + "'; splits are " + splits.keySet());
            }
            return s;
        }
    }

    /** The class of an utterance: its label, or its transcript when the corpus is transcribed (one word each). */
    static String classOf(org.seqlab.data.Example e) {
        return e.labels().isEmpty() ? e.transcript() : e.label();
    }

    /** Keeps the first {@code fraction} of a training list (at least one example). */
    static <T> List<T> fraction(List<T> list, double fraction) {
        return list.subList(0, Math.max(1, (int) Math.ceil(list.size() * fraction)));
    }

    record SequenceSplit<T>(List<Sequence<T>> examples, Task target, Labels labels, List<String> classes) implements Split {
        SequenceSplit(List<Sequence<T>> examples, Task target, Labels labels) {
            this(examples, target, labels, List.of());
        }

        @Override
        public int size() {
            return examples.size();
        }

        @Override
        public String id(int index) {
            return examples.get(index).target() instanceof org.seqlab.data.Example e ? e.id() : null;
        }

        @Override
        public int length(int i) {
            return examples.get(i).length();
        }

        @Override
        public Batch batch(int[] idx) {
            List<Sequence<T>> picked = new java.util.ArrayList<>(idx.length);
            for (int i : idx) {
                picked.add(examples.get(i));
            }
            SequenceBatch<T> padded = SequenceBatch.of(picked);
            int b = idx.length;
            int steps = padded.maxLength();
            int[] labelsOut = target == Task.REGRESSION ? null : new int[target == Task.FRAME_CLASSIFICATION ? b * steps : b];
            double[] values = target == Task.REGRESSION ? new double[b] : null;
            if (labelsOut != null) {
                java.util.Arrays.fill(labelsOut, -1);
            }
            for (int i = 0; i < b; i++) {
                Sequence<T> s = picked.get(i);
                switch (target) {
                    case REGRESSION -> values[i] = ((float[][]) s.target())[0][0];
                    case CLASSIFICATION -> labelsOut[i] = label(s.target(), 0);
                    case FRAME_CLASSIFICATION -> {
                        for (int t = 0; t < s.length(); t++) {
                            labelsOut[i * steps + t] = label(s.target(), t);
                        }
                    }
                }
            }
            Target typed = switch (target) {
                case REGRESSION -> new Target.Values(values);
                case CLASSIFICATION -> new Target.Classes(labelsOut);
                case FRAME_CLASSIFICATION -> new Target.FrameClasses(labelsOut, steps);
                default -> throw new IllegalStateException("no generated sequences for " + target.label() + " tasks");
            };
            return Batch.of(padded, typed);
        }

        private int label(Object target, int t) {
            return switch (labels) {
                case IDS -> ((int[]) target)[t];
                case EXAMPLE_LABEL -> {
                    String label = classOf((org.seqlab.data.Example) target);
                    int k = classes.indexOf(label);
                    if (k < 0) {
                        throw new IllegalArgumentException("label '" + label + "' does not occur in the training split");
                    }
                    yield k;
                }
                case BINARY -> Math.round(((float[][]) target)[t][0]);
                case ONE_HOT -> {
                    float[] row = ((float[][]) target)[t];
                    int best = 0;
                    for (int k = 1; k < row.length; k++) {
                        if (row[k] > row[best]) {
                            best = k;
                        }
                    }
                    yield best;
                }
                case VALUE -> throw new IllegalStateException("real-valued targets have no labels");
            };
        }
    }
}
