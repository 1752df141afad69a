package org.seqlab.experiment.builtin;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.experiment.spec.Param;
import org.seqlab.experiment.spec.Params;
import org.seqlab.lectures.SpectralRadius;
import org.seqlab.nn.Module;
import org.seqlab.nn.recurrent.SimpleRnn;

/**
 * Starting the simple RNN's recurrent matrix at a chosen spectral radius: the exploding and
 * vanishing gradient experiments of lecture 1 need rho(U) above or below 1 at the first step,
 * which the orthogonal initialisation (rho = 1) does not give.
 */
final class RecurrentInit {
    static final Param SPECTRAL_RADIUS = Param.number("spectral-radius", 0.0, 0.0, 100.0,
            "rescale every layer's recurrent matrix to this spectral radius at initialisation; 0 keeps the orthogonal one (radius 1)");

    private RecurrentInit() {}

    /** Rescales the simple-RNN layers of {@code model} when its parameters ask for it. */
    static <M extends Module> M apply(M model, Params p) {
        if (!p.values().containsKey(SPECTRAL_RADIUS.name())) {
            return model;
        }
        double rho = p.number(SPECTRAL_RADIUS.name());
        if (rho > 0) {
            scale(model, rho);
        }
        return model;
    }

    private static void scale(Module m, double rho) {
        if (m instanceof SimpleRnn rnn) {
            INDArray u = rnn.recurrentWeights().value();
            u.assign(SpectralRadius.scaledTo(u, rho));
        }
        m.children().values().forEach(c -> scale(c, rho));
    }
}
