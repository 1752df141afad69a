package org.seqlab.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.losses.MeanSquaredError;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Module;
import org.seqlab.optim.Adam;

/** Small long-range tasks that a recurrent layer with broken gradients cannot learn. */
class LearningTest {

    /**
     * Hochreiter's adding problem: a random value and a marker per step; the target is the sum
     * of the two marked values. Predicting the mean, 1.0, scores MSE 1/6 = 0.167.
     */
    @Test
    void lstmSolvesTheAddingProblem() {
        int t = 30;
        int batch = 64;
        Random data = new Random(1);
        final class Model extends Module {
            final Lstm lstm = child("lstm", new Lstm(2, 32, 2));
            final Linear out = child("out", new Linear(32, 1, new Rng(3)));

            Tensor predict(Tensor x) {
                return out.forward(lstm.forward(x, null).lastHidden());
            }
        }
        Model m = new Model();
        Adam adam = new Adam(m.parameters(), 0.01);
        // With these seeds the loss sits on the 0.167 plateau until about step 350, then drops.
        for (int step = 0; step < 500; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                INDArray[] xy = addingBatch(data, batch, t);
                Tensor loss = MeanSquaredError.loss(m.predict(Tensor.constant(xy[0])), xy[1]);
                loss.backward();
                adam.step();
            }
        }
        INDArray[] test = addingBatch(new Random(99), 256, t);
        double mse;
        try (var off = GradMode.off()) {
            mse = MeanSquaredError.loss(m.predict(Tensor.constant(test[0])), test[1]).item();
        }
        assertTrue(mse < 0.02, "adding problem MSE " + mse + " (baseline 0.167)");
    }

    private static INDArray[] addingBatch(Random rng, int batch, int t) {
        float[][][] x = new float[batch][t][2];
        float[][] y = new float[batch][1];
        for (int b = 0; b < batch; b++) {
            int i = rng.nextInt(t / 2);
            int j = t / 2 + rng.nextInt(t / 2);
            for (int s = 0; s < t; s++) {
                x[b][s][0] = rng.nextFloat();
            }
            x[b][i][1] = 1;
            x[b][j][1] = 1;
            y[b][0] = x[b][i][0] + x[b][j][0];
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y)};
    }

    /**
     * Copy task: four symbols, then four blank steps with a recall marker, during which the
     * same symbols must be output in order (loss and accuracy on the recall steps only).
     */
    @Test
    void gruLearnsToCopy() {
        int n = 4;
        int symbols = 4;
        int batch = 32;
        Random data = new Random(5);
        final class Model extends Module {
            final Gru gru = child("gru", new Gru(symbols + 1, 48, 6));
            final Linear out = child("out", new Linear(48, symbols, new Rng(7)));

            Tensor logits(Tensor x) {
                return out.forward(gru.forward(x, null).sequence());
            }
        }
        Model m = new Model();
        Adam adam = new Adam(m.parameters(), 0.01);
        for (int step = 0; step < 400; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                INDArray[] b = copyBatch(data, batch, n, symbols);
                Tensor loss = CrossEntropy.loss(m.logits(Tensor.constant(b[0])), b[1], b[2], 0.0);
                loss.backward();
                adam.step();
            }
        }
        INDArray[] test = copyBatch(new Random(98), 256, n, symbols);
        INDArray pred;
        try (var off = GradMode.off()) {
            pred = m.logits(Tensor.constant(test[0])).value().argMax(2);
        }
        double correct = 0;
        for (int b = 0; b < 256; b++) {
            for (int s = n; s < 2 * n; s++) {
                correct += pred.getInt(b, s) == test[1].getInt(b, s) ? 1 : 0;
            }
        }
        double accuracy = correct / (256.0 * n);
        assertTrue(accuracy > 0.95, "copy accuracy " + accuracy + " (chance 0.25)");
    }

    private static INDArray[] copyBatch(Random rng, int batch, int n, int symbols) {
        float[][][] x = new float[batch][2 * n][symbols + 1];
        float[][] y = new float[batch][2 * n];
        float[][] mask = new float[batch][2 * n];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < n; s++) {
                int sym = rng.nextInt(symbols);
                x[b][s][sym] = 1;
                y[b][n + s] = sym;
                mask[b][n + s] = 1;
                x[b][n + s][symbols] = 1;
            }
        }
        return new INDArray[] {Nd4j.createFromArray(x), Nd4j.createFromArray(y), Nd4j.createFromArray(mask)};
    }
}
