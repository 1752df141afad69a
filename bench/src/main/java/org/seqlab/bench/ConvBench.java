package org.seqlab.bench;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.MemoryScope;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Reductions;
import org.seqlab.display.Progress;
import org.seqlab.nn.Activation;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Pool;
import org.seqlab.nn.Sequential;

/**
 * Forward and backward of the engine benchmark's CRNN convolution stack alone (three 3x3 conv2d
 * with 64 channels, ReLU, max-pooling over frequency by 4, 2, 2) on 16 x 1 x 64 x 500, so the
 * convolution part can be tuned apart from the recurrent one. Prints median milliseconds and the
 * achieved GFLOP/s (multiply-adds x 2, forward + both backward products). Set OMP_NUM_THREADS
 * and OPENBLAS_NUM_THREADS before the JVM starts.
 */
public final class ConvBench {
    private ConvBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Rng rng = new Rng(1);
        Sequential stack = new Sequential()
                .add("conv1", new Conv2d(1, 64, 3, 3, rng)).add("relu1", Activation.relu()).add("pool1", Pool.max2d(4, 1))
                .add("conv2", new Conv2d(64, 64, 3, 3, rng)).add("relu2", Activation.relu()).add("pool2", Pool.max2d(2, 1))
                .add("conv3", new Conv2d(64, 64, 3, 3, rng)).add("relu3", Activation.relu()).add("pool3", Pool.max2d(2, 1));
        INDArray x = rng.uniform(DataType.FLOAT, -1, 1, 16, 1, 64, 500);
        double[] ms = new double[reps];
        try (var bar = Progress.start("conv stack steps", reps)) {
            for (int r = 0; r < reps; r++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted");
                }
                long t0 = System.nanoTime();
                try (var scope = MemoryScope.open()) {
                    Reductions.sum(stack.forward(Tensor.constant(x))).backward();
                }
                ms[r] = (System.nanoTime() - t0) / 1e6;
                stack.parameters().values().forEach(Tensor::zeroGrad);
                bar.step();
            }
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[reps / 2];
        // multiply-adds: layer 1 (input gradient not needed) forward + weight gradient; layers 2, 3 all three products
        double l1 = 16.0 * 64 * 500 * 64 * 9;
        double l2 = 16.0 * 16 * 500 * 64 * 64 * 9;
        double l3 = 16.0 * 8 * 500 * 64 * 64 * 9;
        double flops = 2 * (2 * l1 + 3 * l2 + 3 * l3);
        System.out.printf("conv_stack seqlab_ms=%.0f gflops=%.1f (all runs: %s)%n", median, flops / median / 1e6,
                Arrays.toString(Arrays.stream(ms).map(Math::rint).toArray()));
    }
}
