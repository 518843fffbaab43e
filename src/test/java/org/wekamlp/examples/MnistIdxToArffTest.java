package org.wekamlp.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Tests {@link MnistIdxToArff} on tiny IDX files written by the test itself, and checks that Weka
 * reads the result exactly.
 */
class MnistIdxToArffTest {

  @TempDir
  Path dir;

  /** A deterministic pixel pattern that reaches both 0 and 255 and differs per image. */
  private static int[][] pattern(int count, int rows, int cols) {
    int[][] images = new int[count][rows * cols];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * cols; p++) {
        images[i][p] = (p * 7 + i * 91) % 256;
      }
    }
    return images;
  }

  private static byte[] idxImages(int magic, int rows, int cols, int[][] images) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(images.length);
    out.writeInt(rows);
    out.writeInt(cols);
    for (int[] image : images) {
      for (int v : image) {
        out.writeByte(v);
      }
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] idxLabels(int magic, int... labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    out.writeInt(labels.length);
    for (int v : labels) {
      out.writeByte(v);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static Instances load(Path arff) throws Exception {
    Instances data = DataSource.read(arff.toString());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  private static void assertLoadedExactly(Instances data, int[][] images, int[] labels) {
    int pixels = images[0].length;
    assertEquals(images.length, data.numInstances(), "rows");
    assertEquals(pixels + 1, data.numAttributes(), "attributes");
    for (int a = 0; a < pixels; a++) {
      Attribute att = data.attribute(a);
      assertEquals("pixel" + (a + 1), att.name());
      assertTrue(att.isNumeric(), att.name() + " is numeric");
    }
    Attribute cls = data.classAttribute();
    assertEquals("class", cls.name());
    assertEquals(pixels, cls.index(), "class is last");
    assertTrue(cls.isNominal());
    assertEquals(10, cls.numValues());
    for (int c = 0; c < 10; c++) {
      assertEquals(String.valueOf(c), cls.value(c), "class value order");
    }
    for (int i = 0; i < images.length; i++) {
      for (int p = 0; p < pixels; p++) {
        assertEquals(images[i][p], data.instance(i).value(p), 0.0,
          "image " + i + " pixel" + (p + 1));
      }
      assertEquals(String.valueOf(labels[i]), data.instance(i).stringValue(cls), "label " + i);
    }
  }

  @Test
  void convertsMnistSizedImagesAndWekaReadsThemExactly() throws Exception {
    int[][] images = pattern(3, 28, 28);
    int[] labels = {7, 0, 9};
    Path img = write("imgs-idx3-ubyte", idxImages(2051, 28, 28, images));
    Path lab = write("labels-idx1-ubyte", idxLabels(2049, labels));
    Path out = dir.resolve("mnist_tiny.arff.gz");

    MnistIdxToArff.convert(img, lab, out, "mnist_tiny");

    // Really gzip: the file must start with the gzip signature.
    byte[] written = Files.readAllBytes(out);
    assertEquals(0x1f, written[0] & 0xff);
    assertEquals(0x8b, written[1] & 0xff);
    Instances data = load(out);
    assertEquals("mnist_tiny", data.relationName());
    assertEquals(785, data.numAttributes());
    assertLoadedExactly(data, images, labels);
    assertFalse(Files.exists(dir.resolve("mnist_tiny.arff.gz.tmp")), "temporary file removed");
  }

  @Test
  void handlesNonSquareImagesAndGzippedInputs() throws Exception {
    // 4 rows x 5 columns: pixel numbering must be row-major, pixel (r, c) = pixel(r*5 + c + 1).
    int[][] images = pattern(4, 4, 5);
    images[2][1 * 5 + 3] = 255; // row 1, column 3 -> pixel9
    int[] labels = {1, 2, 3, 4};
    Path img = write("imgs.gz", gzip(idxImages(2051, 4, 5, images)));
    Path lab = write("labels.gz", gzip(idxLabels(2049, labels)));
    Path out = dir.resolve("small.arff.gz");

    assertEquals(0, MnistIdxToArff.run(
      new String[] {img.toString(), lab.toString(), out.toString()}));

    Instances data = load(out);
    assertEquals("small", data.relationName(), "relation name defaults to the file name");
    assertEquals(21, data.numAttributes());
    assertEquals(255.0, data.instance(2).value(data.attribute("pixel9")), 0.0);
    assertLoadedExactly(data, images, labels);
  }

  @Test
  void writesPlainArffWhenTheOutputIsNotGz() throws Exception {
    int[][] images = pattern(2, 2, 2);
    Path img = write("i", idxImages(2051, 2, 2, images));
    Path lab = write("l", idxLabels(2049, 5, 6));
    Path out = dir.resolve("plain.arff");

    MnistIdxToArff.convert(img, lab, out, "needs quoting here");

    String text = new String(Files.readAllBytes(out), StandardCharsets.US_ASCII);
    assertTrue(text.contains("@relation 'needs quoting here'\n"), text);
    assertTrue(text.endsWith("@data\n0,7,14,21,5\n91,98,105,112,6\n"), text);
    Instances data = load(out);
    assertEquals("needs quoting here", data.relationName());
    assertLoadedExactly(data, images, new int[] {5, 6});
  }

  @Test
  void writeArffToAStreamAndReadIdxFromStreams() throws Exception {
    int[][] pixels = pattern(2, 1, 3);
    MnistIdxToArff.IdxImages images = MnistIdxToArff.readImages(
      new ByteArrayInputStream(idxImages(2051, 1, 3, pixels)), "mem-images");
    int[] labels = MnistIdxToArff.readLabels(
      new ByteArrayInputStream(idxLabels(2049, 0, 8)), "mem-labels");
    assertEquals(2, images.count());
    assertEquals(1, images.rows());
    assertEquals(3, images.cols());
    assertArrayEquals(pixels[1], images.image(1));
    assertArrayEquals(new int[] {0, 8}, labels);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MnistIdxToArff.writeArff(out, "r", images, labels, "a comment");
    String expected = "% a comment\n@relation r\n\n"
      + "@attribute pixel1 numeric\n@attribute pixel2 numeric\n@attribute pixel3 numeric\n"
      + "@attribute class {0,1,2,3,4,5,6,7,8,9}\n\n@data\n"
      + "0,7,14,0\n91,98,105,8\n";
    assertEquals(expected, out.toString(StandardCharsets.US_ASCII.name()));
  }

  @Test
  void outputIsByteIdenticalAcrossRuns() throws Exception {
    Path img = write("i", idxImages(2051, 28, 28, pattern(5, 28, 28)));
    Path lab = write("l", idxLabels(2049, 1, 2, 3, 4, 5));
    Path a = dir.resolve("a.arff.gz");
    Path b = dir.resolve("b.arff.gz");
    MnistIdxToArff.convert(img, lab, a, "same");
    Thread.sleep(1100); // a gzip mtime in seconds would differ now
    MnistIdxToArff.convert(img, lab, b, "same");
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    // And the gzip header's mtime field is zero.
    byte[] header = Files.readAllBytes(a);
    assertEquals(0, header[4] | header[5] | header[6] | header[7]);
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(a))) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("@data"));
    }
  }

  @Test
  void badImageMagicNumberNamesTheFileAndTheProblem() throws Exception {
    Path img = write("broken-images", idxImages(0x00000802, 2, 2, pattern(1, 2, 2)));
    Path lab = write("labels", idxLabels(2049, 1));
    IOException e = assertThrows(IOException.class,
      () -> MnistIdxToArff.convert(img, lab, dir.resolve("x.arff.gz"), "x"));
    String msg = e.getMessage();
    assertTrue(msg.contains(img.toString()), msg);
    assertTrue(msg.contains("bad magic number 2050"), msg);
    assertTrue(msg.contains("expected 2051"), msg);
    assertFalse(Files.exists(dir.resolve("x.arff.gz")), "no output on failure");
  }

  @Test
  void swappedArgumentsAreRecognised() throws Exception {
    Path img = write("imgs", idxImages(2051, 2, 2, pattern(1, 2, 2)));
    Path lab = write("labs", idxLabels(2049, 1));
    IOException e = assertThrows(IOException.class,
      () -> MnistIdxToArff.convert(lab, img, dir.resolve("x.arff.gz"), "x"));
    assertTrue(e.getMessage().startsWith(lab + ": bad magic number 2049"), e.getMessage());
    assertTrue(e.getMessage().contains("arguments swapped"), e.getMessage());

    IOException notIdx = assertThrows(IOException.class, () -> MnistIdxToArff.readLabels(
      new ByteArrayInputStream("hello world".getBytes(StandardCharsets.US_ASCII)), "text.txt"));
    assertTrue(notIdx.getMessage().contains("not an IDX file"), notIdx.getMessage());
  }

  @Test
  void truncatedTrailingAndMismatchedFilesGiveClearMessages() throws Exception {
    byte[] full = idxImages(2051, 3, 3, pattern(2, 3, 3));
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);
    IOException truncated = assertThrows(IOException.class,
      () -> MnistIdxToArff.readImages(write("cut", cut)));
    assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
    assertTrue(truncated.getMessage().contains("image 2 of 2"), truncated.getMessage());

    byte[] longer = java.util.Arrays.copyOf(full, full.length + 3);
    IOException trailing = assertThrows(IOException.class,
      () -> MnistIdxToArff.readImages(write("long", longer)));
    assertTrue(trailing.getMessage().contains("3 unexpected bytes"), trailing.getMessage());

    IOException shortHeader = assertThrows(IOException.class,
      () -> MnistIdxToArff.readLabels(write("tiny", new byte[] {0, 0})));
    assertTrue(shortHeader.getMessage().contains("shorter than the 4-byte IDX magic"),
      shortHeader.getMessage());

    Path img = write("imgs", full);
    Path lab = write("labs", idxLabels(2049, 1, 2, 3));
    IOException mismatch = assertThrows(IOException.class,
      () -> MnistIdxToArff.convert(img, lab, dir.resolve("x.arff.gz"), "x"));
    assertTrue(mismatch.getMessage().contains("2 images"), mismatch.getMessage());
    assertTrue(mismatch.getMessage().contains("3 labels"), mismatch.getMessage());

    IOException badLabel = assertThrows(IOException.class,
      () -> MnistIdxToArff.readLabels(write("labs10", idxLabels(2049, 3, 10))));
    assertTrue(badLabel.getMessage().contains("label 2 is 10"), badLabel.getMessage());

    IOException zeroSize = assertThrows(IOException.class,
      () -> MnistIdxToArff.readImages(write("zero", idxImages(2051, 0, 5, new int[0][]))));
    assertTrue(zeroSize.getMessage().contains("at least 1"), zeroSize.getMessage());
  }

  @Test
  void commandLineReportsUsageAndFailuresWithExitCodes() throws Exception {
    assertEquals(2, MnistIdxToArff.run(new String[] {"only-one"}));
    Path missing = dir.resolve("does-not-exist");
    assertEquals(1, MnistIdxToArff.run(
      new String[] {missing.toString(), missing.toString(), dir.resolve("o.arff.gz").toString()}));
  }
}
