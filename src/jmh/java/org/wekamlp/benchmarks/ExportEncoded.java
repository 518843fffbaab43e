package org.wekamlp.benchmarks;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;

import weka.classifiers.functions.mlp.InputScaling;
import weka.classifiers.functions.mlp.InstancesEncoder;
import weka.core.Instances;
import weka.core.converters.ArffSaver;

/**
 * Writes the inputs exactly as this package encodes them (standardized, constant columns dropped, with the
 * encoder fitted on the training rows) as NumPy {@code .npy} files, so that the scikit-learn peer trains on
 * the same numbers: {@code X_train.npy}, {@code X_test.npy} (float64, row-major) and {@code y_train.npy},
 * {@code y_test.npy} (class index as int32, or the numeric target as float64).
 *
 * <p>Usage: {@code ExportEncoded --train <arff> --test <arff> --out <dir>}, or with a single data set
 * {@code ExportEncoded --data <arff> --test-every 5 --out <dir>}: every 5th row (0, 5, 10, ...) is the test
 * set; the split is also written as {@code train.arff} and {@code test.arff} for the Java side.
 */
public final class ExportEncoded {

  private ExportEncoded() {
  }

  public static void main(String[] args) throws Exception {
    String[] withCommand = new String[args.length + 1];
    withCommand[0] = "export";
    System.arraycopy(args, 0, withCommand, 1, args.length);
    java.util.Map<String, String> options = EndToEndBenchmark.parse(withCommand);
    Path out = Paths.get(options.get("out"));
    Files.createDirectories(out);
    Instances train;
    Instances test;
    if (options.containsKey("data")) {
      Instances all = EndToEndBenchmark.load(options.get("data"));
      int every = Integer.parseInt(options.getOrDefault("test-every", "5"));
      train = new Instances(all, all.numInstances());
      test = new Instances(all, all.numInstances() / every + 1);
      for (int i = 0; i < all.numInstances(); i++) {
        (i % every == 0 ? test : train).add(all.instance(i));
      }
      saveArff(train, out.resolve("train.arff"));
      saveArff(test, out.resolve("test.arff"));
    } else {
      train = EndToEndBenchmark.load(options.get("train"));
      test = EndToEndBenchmark.load(options.get("test"));
    }
    InstancesEncoder encoder = InstancesEncoder.fit(train, InputScaling.STANDARDIZE);
    writeMatrix(encoder.encode(train), out.resolve("X_train.npy"));
    writeMatrix(encoder.encode(test), out.resolve("X_test.npy"));
    writeTarget(train, out.resolve("y_train.npy"));
    writeTarget(test, out.resolve("y_test.npy"));
    System.out.println("Encoded " + train.numInstances() + " + " + test.numInstances() + " rows into "
      + encoder.numColumns() + " columns: " + out);
  }

  private static void saveArff(Instances data, Path file) throws IOException {
    ArffSaver saver = new ArffSaver();
    saver.setInstances(data);
    saver.setFile(file.toFile());
    saver.writeBatch();
  }

  private static void writeMatrix(DMatrixRMaj m, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      writeHeader(out, "<f8", "(" + m.numRows + ", " + m.numCols + ")");
      writeDoubles(out, m.data, m.numRows * m.numCols);
    }
  }

  private static void writeTarget(Instances data, Path file) throws IOException {
    int n = data.numInstances();
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
      if (data.classAttribute().isNominal()) {
        writeHeader(out, "<i4", "(" + n + ",)");
        ByteBuffer buffer = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
          buffer.putInt((int) data.instance(i).classValue());
        }
        out.write(buffer.array());
      } else {
        writeHeader(out, "<f8", "(" + n + ",)");
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
          y[i] = data.instance(i).classValue();
        }
        writeDoubles(out, y, n);
      }
    }
  }

  /** NumPy format 1.0: magic, version, header length, a Python dict literal padded to 64 bytes. */
  private static void writeHeader(OutputStream out, String dtype, String shape) throws IOException {
    String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", dtype, shape);
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    StringBuilder header = new StringBuilder(dict);
    for (int i = 0; i < padding; i++) {
      header.append(' ');
    }
    header.append('\n');
    byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(text.length & 0xff);
    out.write(text.length >>> 8);
    out.write(text);
  }

  private static void writeDoubles(OutputStream out, double[] values, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      if (!buffer.hasRemaining()) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putDouble(values[i]);
    }
    out.write(buffer.array(), 0, buffer.position());
  }
}
