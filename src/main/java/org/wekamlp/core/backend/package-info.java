/**
 * The matrix-product backends, behind one interface: {@link org.wekamlp.core.backend.Backend} names a backend
 * and hands out the {@link org.wekamlp.core.backend.Products} of a training or prediction pass;
 * {@link org.wekamlp.core.backend.Backends} chooses EJML (pure Java, every platform) or OpenBLAS through JavaCPP,
 * in {@link org.wekamlp.core.backend.Precision#FLOAT64} or {@link org.wekamlp.core.backend.Precision#FLOAT32}.
 * Only this package knows about native memory and imports {@code org.bytedeco} (checked by a test), and it
 * imports nothing else from the project. No backend changes process-wide state: OpenBLAS's products run on the
 * calling threads, in pieces small enough that OpenBLAS never starts its own threads for them, or whole where
 * OpenBLAS's own thread count is already 1 ({@code OPENBLAS_NUM_THREADS=1}).
 */
package org.wekamlp.core.backend;
