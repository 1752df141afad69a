package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.buffer.DataType;
import org.seqlab.autograd.Rng;
import org.seqlab.autograd.Tensor;
import org.seqlab.autograd.ops.Convolution.Geometry;
import org.seqlab.autograd.ops.Shapes;
import org.seqlab.experiment.spec.Params;
import org.seqlab.experiment.train.Batch;
import org.seqlab.experiment.train.TaskModel;
import org.seqlab.experiment.train.TaskShape;
import org.seqlab.nn.Activation;
import org.seqlab.nn.Conv2d;
import org.seqlab.nn.Layer;
import org.seqlab.nn.Linear;
import org.seqlab.nn.Pool;
import org.seqlab.nn.Sequential;

/**
 * LeNet-5's shape (LeCun et al. 1998) for square grey images given as [batch, rows, columns]
 * sequences (a row per step): conv 5x5 - ReLU - pool 2 - conv 5x5 - ReLU - pool 2 - dense -
 * ReLU - dense to the classes. {@code pool} chooses the subsampling the lecture compares:
 * {@code max} or {@code avg} pooling over 2 x 2, {@code stride} (each convolution steps by 2
 * instead: the same output size, no pooling), or {@code none} (full resolution to the dense
 * layer). Convolutions pad to keep the size ("same"), so the pooled maps are side/4 wide.
 */
public final class LeNetModel extends TaskModel {
    private final Sequential features;
    private final Sequential classifier;
    private final int side;

    LeNetModel(Params p, TaskShape shape, long seed) {
        side = shape.inputDim();
        int k = p.integer("kernel");
        int c1 = p.integer("channels1");
        int c2 = p.integer("channels2");
        String pool = p.string("pool");
        Rng rng = new Rng(seed);
        boolean strided = pool.equals("stride");
        Geometry g = strided ? new Geometry(2, 2, k / 2, k / 2, 1, 1) : Geometry.same(k, k);
        features = child("features", new Sequential());
        features.add("conv1", new Conv2d(1, c1, k, k, g, true, rng.split(), DataType.FLOAT)).add("relu1", Activation.relu());
        addPool(features, "pool1", pool);
        features.add("conv2", new Conv2d(c1, c2, k, k, g, true, rng.split(), DataType.FLOAT)).add("relu2", Activation.relu());
        addPool(features, "pool2", pool);
        int out = side;
        for (int i = 0; i < 2; i++) {
            out = pool.equals("none") ? out : (strided ? g.outH(out, k) : out / 2);
        }
        if (out < 1) {
            throw new IllegalArgumentException("lenet: " + side + " x " + side + " images are too small for two subsamplings by 2");
        }
        classifier = child("classifier", new Sequential()
                .add("dense", new Linear((long) c2 * out * out, p.integer("hidden"), rng.split()))
                .add("relu", Activation.relu())
                .add("out", new Linear(p.integer("hidden"), shape.outputs(), rng.split())));
    }

    private static void addPool(Sequential s, String name, String pool) {
        switch (pool) {
            case "max" -> s.add(name, Pool.max2d(2, 2));
            case "avg" -> s.add(name, Pool.avg2d(2, 2, 2, 2));
            default -> { }
        }
    }

    @Override
    public Tensor forward(Batch batch) {
        Tensor x = Tensor.constant(batch.inputs());
        return classify(features.forward(image(x)));
    }

    /** [B, rows, columns] (the batch layout) as [B, 1, rows, columns]. */
    private Tensor image(Tensor x) {
        if (x.size(1) != side || x.size(2) != side) {
            throw new IllegalArgumentException("lenet: images must be " + side + " x " + side + ", got "
                    + x.size(1) + " x " + x.size(2));
        }
        return Shapes.reshape(x, x.size(0), 1, side, side);
    }

    private Tensor classify(Tensor maps) {
        return classifier.forward(Shapes.reshape(maps, maps.size(0), -1));
    }

    /**
     * The first convolution's feature maps after its ReLU, [B, channels1, rows, columns], for
     * images [B, rows, columns]: what the lecture shows as "feature maps".
     */
    public Tensor firstMaps(Tensor images) {
        Tensor x = image(images);
        for (Layer l : features.layers()) {
            x = l.forward(x);
            if (l == features.layers().get(1)) {
                return x;
            }
        }
        return x;
    }

    /** The first convolution's filters, [channels1, 1, kernel, kernel]. */
    public Tensor firstFilters() {
        return features.parameters().get("conv1.w");
    }
}
