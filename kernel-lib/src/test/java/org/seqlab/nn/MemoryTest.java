package org.seqlab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Elementwise;
import org.seqlab.losses.CrossEntropy;
import org.seqlab.optim.Adam;
import org.seqlab.optim.GradClip;

/**
 * Native memory stays flat over thousands of training steps run in memory scopes. Each step
 * allocates several arrays of 40 KB and more (activations, gradients); if scopes did not release
 * them, memory would grow by hundreds of KB per step until the garbage collector ran. What
 * remains is ND4J's per-array bookkeeping (about 32 bytes per INDArray object), which only the
 * collector frees, hence the bound of 2 KB per step.
 */
class MemoryTest {

    @Test
    void nativeMemoryDoesNotGrowOverThousandsOfSteps() {
        Rng rng = new Rng(1);
        Sequential model = new Sequential()
                .add("l1", new Linear(16, 32, rng))
                .add("act", Activation.relu())
                .add("norm", new LayerNorm(32, DataType.FLOAT))
                .add("drop", new Dropout(0.1, rng))
                .add("l2", new Linear(32, 4, rng));
        Adam adam = new Adam(model.parameters(), 1e-3);
        INDArray x = rng.uniform(DataType.FLOAT, -1, 1, 32, 10, 16);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 32, 10);
        long afterWarmup = 0;
        int steps = 2000;
        for (int s = 0; s < steps; s++) {
            try (var scope = MemoryScope.open()) {
                Tensor out = Elementwise.tanh(model.forward(Tensor.constant(x)));
                Tensor loss = CrossEntropy.loss(out, y, mask, 0.1);
                loss.backward();
                GradClip.byGlobalNorm(model.parameters().values(), 1.0);
                adam.step();
            }
            if (s == 200) {
                afterWarmup = Pointer.totalBytes();
            }
        }
        long growth = Pointer.totalBytes() - afterWarmup;
        long perStep = growth / (steps - 201);
        assertTrue(perStep < 2048, "native memory grew by " + growth + " bytes over " + (steps - 201) + " steps");
    }
}
