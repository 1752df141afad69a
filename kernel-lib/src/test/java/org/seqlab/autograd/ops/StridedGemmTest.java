package org.seqlab.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.seqlab.autograd.Rng;

/** Sub-matrix products against the sum over k written out, in both types and all transpose combinations. */
class StridedGemmTest {
    private final Rng rng = new Rng(31);

    @Test
    void productsOfWindowsMatchTheDefinition() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int m = 3;
                    int k = 4;
                    int n = 5;
                    // operands stored as windows inside larger buffers: offset 2 (a), 7 (b), 1 (c); leading dims > cols
                    INDArray a = rng.uniform(type, -1, 1, 40);
                    INDArray b = rng.uniform(type, -1, 1, 60);
                    INDArray c = rng.uniform(type, -1, 1, 50);
                    INDArray c0 = c.dup();
                    int lda = 9;
                    int ldb = 8;
                    int ldc = 7;
                    var oa = new StridedGemm.Operand(a, 2, ta ? k : m, ta ? m : k, lda);
                    var ob = new StridedGemm.Operand(b, 7, tb ? n : k, tb ? k : n, ldb);
                    var oc = new StridedGemm.Operand(c, 1, m, n, ldc);
                    StridedGemm.gemm(oa, ta, ob, tb, 0.5, 2.0, oc);
                    double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                double av = a.getDouble(2 + (ta ? p * lda + i : i * lda + p));
                                double bv = b.getDouble(7 + (tb ? j * ldb + p : p * ldb + j));
                                s += av * bv;
                            }
                            double expected = 0.5 * s + 2.0 * c0.getDouble(1 + i * ldc + j);
                            assertEquals(expected, c.getDouble(1 + i * ldc + j), tol, type + " " + ta + tb + " at " + i + "," + j);
                        }
                    }
                    // elements between the rows of c are left alone
                    assertEquals(c0.getDouble(1 + n), c.getDouble(1 + n), 0);
                }
            }
        }
    }

    @Test
    void extentBeyondTheArrayIsRefusedBeforeAnyNativeCall() {
        INDArray a = rng.uniform(DataType.FLOAT, -1, 1, 20);
        var e = assertThrows(IllegalArgumentException.class, () -> new StridedGemm.Operand(a, 5, 3, 4, 6));
        assertTrue(e.getMessage().contains("exceeds a buffer of 20"), e.getMessage());
        INDArray b = rng.uniform(DataType.FLOAT, -1, 1, 4, 5);
        INDArray c = rng.uniform(DataType.FLOAT, -1, 1, 3, 5);
        var shape = assertThrows(IllegalArgumentException.class, () -> StridedGemm.gemm(new StridedGemm.Operand(a, 0, 3, 3, 3),
                false, new StridedGemm.Operand(b, 0, 4, 5, 5), false, 1, 0, new StridedGemm.Operand(c, 0, 3, 5, 5)));
        assertTrue(shape.getMessage().contains("[3, 3] x [4, 5]"), shape.getMessage());
    }

    @Test
    void wholeMatricesAgreeWithNd4jOnDenseReshapedRowBlockAndTransposedOperands() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray big = rng.uniform(type, -1, 1, 7, 6);
            INDArray rowBlock = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()); // [3, 6], offset 12, a view
            INDArray reshaped = rng.uniform(type, -1, 1, 2, 3, 4).reshape(6, 4); // [6, 4]
            INDArray transposedView = rng.uniform(type, -1, 1, 4, 6).transpose(); // [6, 4], not row-major
            for (INDArray b : new INDArray[] {reshaped, transposedView}) {
                INDArray expected = rowBlock.dup().mmul(b.dup());
                INDArray c = org.nd4j.linalg.factory.Nd4j.zeros(type, 3, 4);
                StridedGemm.matrices(rowBlock, b, c, false, false, 1.0, 0.0);
                double tol = type == DataType.FLOAT ? 1e-5 : 1e-12;
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        assertEquals(expected.getDouble(i, j), c.getDouble(i, j), tol, type + " at " + i + "," + j);
                    }
                }
                // a product into a row block of a larger array leaves the other rows alone
                INDArray target = org.nd4j.linalg.factory.Nd4j.zeros(type, 5, 4);
                StridedGemm.matrices(rowBlock, b, target.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()), false, false, 1.0, 0.0);
                assertEquals(0.0, target.getRow(0).sumNumber().doubleValue(), 0);
                assertEquals(0.0, target.getRow(4).sumNumber().doubleValue(), 0);
                assertEquals(expected.getDouble(2, 3), target.getDouble(3, 3), tol);
            }
        }
    }
}
