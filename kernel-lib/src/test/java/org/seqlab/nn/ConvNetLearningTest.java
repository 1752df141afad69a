package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.GradMode;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Reductions;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.optim.Adam;

/**
 * A small conv net learns which of three patterns (horizontal bar, vertical bar, diagonal) is
 * hidden at a random place in a noisy 8x8 image: the "conv net fits a small pattern task" check.
 */
class ConvNetLearningTest {

    private static void draw(INDArray img, int n, int kind, Rng rng) {
        int r = 1 + rng.nextInt(4);
        int c = 1 + rng.nextInt(4);
        for (int i = 0; i < 3; i++) {
            int y = kind == 0 ? r : r + i;
            int x = kind == 1 ? c : c + i;
            img.putScalar(new long[] {n, 0, y, x}, 1.0);
        }
    }

    private static INDArray[] batch(Rng rng, int size) {
        INDArray x = rng.uniform(DataType.FLOAT, -0.3, 0.3, size, 1, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, size);
        for (int n = 0; n < size; n++) {
            int kind = rng.nextInt(3);
            draw(x, n, kind, rng);
            y.putScalar(n, kind);
        }
        return new INDArray[] {x, y};
    }

    @Test
    void convNetLearnsToTellPatternsApart() {
        Rng rng = new Rng(7);
        Sequential features = new Sequential()
                .add("conv1", new Conv2d(1, 8, 3, 3, rng))
                .add("relu1", Activation.relu())
                .add("conv2", new Conv2d(8, 8, 3, 3, rng))
                .add("relu2", Activation.relu())
                .add("pool", Pool.max2d(2, 2));
        Sequential model = features
                .add("gap", new Activation("GlobalMean", x -> Reductions.mean(Reductions.mean(x, 3), 2)))
                .add("head", new Linear(8, 3, rng));
        Adam adam = new Adam(model.parameters(), 0.01);
        Rng data = new Rng(8);
        for (int step = 0; step < 150; step++) {
            try (var scope = MemoryScope.open()) {
                INDArray[] b = batch(data, 32);
                CrossEntropy.loss(model.forward(Tensor.constant(b[0])), b[1]).backward();
                adam.step();
            }
        }
        INDArray[] test = batch(new Rng(100), 300);
        int correct = 0;
        try (var off = GradMode.off(); var scope = MemoryScope.open()) {
            INDArray logits = model.forward(Tensor.constant(test[0])).value();
            INDArray pred = logits.argMax(1);
            for (int n = 0; n < 300; n++) {
                if (pred.getInt(n) == test[1].getInt(n)) {
                    correct++;
                }
            }
        }
        assertTrue(correct >= 270, "accuracy " + correct + "/300 (chance is 100)");
    }
}
