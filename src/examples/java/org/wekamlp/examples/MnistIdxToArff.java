package org.wekamlp.examples;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Converts a pair of IDX files (the format MNIST is distributed in) into an ARFF file that Weka can
 * load directly.
 *
 * <p>The images file must hold unsigned bytes in three dimensions (magic number 2051: count, rows,
 * columns) and the labels file unsigned bytes in one dimension (magic number 2049: count). Either
 * file may be gzip-compressed; compression is recognised from the content, not the file name. The
 * output has one numeric attribute per pixel, named {@code pixel1} .. {@code pixelN} in row-major
 * order ({@code N = rows * columns}, pixel {@code r * columns + c + 1} is row {@code r}, column
 * {@code c}), with integer values 0-255, followed by the nominal attribute {@code class {0,...,9}}.
 * Rows are written densely: MNIST is roughly 80% zeros, but dense rows keep the file readable with
 * any ARFF reader and gzip removes most of the redundancy anyway. The conversion streams: one
 * image is read and written as one row at a time, so memory does not grow with the number of images.
 *
 * <p>This class deliberately depends on nothing but the JDK, so it can be compiled and run with a
 * bare {@code javac}/{@code java} (see {@code datasets/regenerate-mnist.sh}) without building the
 * rest of the project.
 *
 * <p>Usage: {@code java org.wekamlp.examples.MnistIdxToArff <images> <labels>
 * <out.arff.gz> [relationName]}
 */
public final class MnistIdxToArff {

  /** Magic number of an IDX file of unsigned bytes with three dimensions (an image stack). */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** Magic number of an IDX file of unsigned bytes with one dimension (a label vector). */
  public static final int LABELS_MAGIC = 0x00000801;

  /** Number of classes; the class attribute is declared as {@code {0,1,...,9}}. */
  public static final int NUM_CLASSES = 10;

  /** Exit status for a usage error, distinct from a conversion failure (1). */
  private static final int EXIT_USAGE = 2;

  /** The ASCII text of every byte value, so writing a pixel does not allocate a String. */
  private static final byte[][] DECIMAL = new byte[256][];

  static {
    for (int i = 0; i < DECIMAL.length; i++) {
      DECIMAL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private MnistIdxToArff() {
    // only static methods
  }

  /**
   * The content of an IDX image file: {@code count} images of {@code rows x cols} pixels.
   *
   * <p>Pixels are kept as {@code int} (0-255) rather than Java's signed {@code byte} so that callers
   * cannot forget the unsigned conversion.
   */
  public static final class IdxImages {

    private final int rows;
    private final int cols;
    private final int[][] pixels;

    /**
     * Creates an image stack.
     *
     * @param rows number of pixel rows per image, at least 1
     * @param cols number of pixel columns per image, at least 1
     * @param pixels one array per image, each of length {@code rows * cols}, row-major, values
     *     0-255
     * @throws IllegalArgumentException if the dimensions and arrays do not agree or a value is out
     *     of range
     */
    public IdxImages(int rows, int cols, int[][] pixels) {
      if (rows < 1 || cols < 1) {
        throw new IllegalArgumentException(
          "image dimensions must be positive, got " + rows + " x " + cols);
      }
      long perImage = (long) rows * cols;
      for (int i = 0; i < pixels.length; i++) {
        if (pixels[i].length != perImage) {
          throw new IllegalArgumentException(
            "image " + i + " has " + pixels[i].length + " pixels, expected " + perImage);
        }
        for (int v : pixels[i]) {
          if (v < 0 || v > 255) {
            throw new IllegalArgumentException("image " + i + " has pixel value " + v
              + " outside 0-255");
          }
        }
      }
      this.rows = rows;
      this.cols = cols;
      this.pixels = pixels;
    }

    /** @return the number of images */
    public int count() {
      return pixels.length;
    }

    /** @return the number of pixel rows per image */
    public int rows() {
      return rows;
    }

    /** @return the number of pixel columns per image */
    public int cols() {
      return cols;
    }

    /** @return the number of pixels per image ({@code rows * cols}) */
    public int pixelsPerImage() {
      return rows * cols;
    }

    /**
     * Returns the pixels of one image (the internal array, not a copy: the data set is large).
     *
     * @param index image index, 0-based
     * @return row-major pixel values 0-255
     */
    public int[] image(int index) {
      return pixels[index];
    }
  }

  /**
   * Reads an IDX image file (plain or gzip-compressed).
   *
   * @param file the file to read
   * @return the images
   * @throws IOException if the file cannot be read or is not a valid IDX image file; the message
   *     names the file and the problem
   */
  public static IdxImages readImages(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readImages(in, file.toString());
    }
  }

  /**
   * Reads an IDX image stream (plain or gzip-compressed).
   *
   * @param in the stream; read to its end, not closed
   * @param sourceName name used in error messages, typically the file name
   * @return the images
   * @throws IOException if the stream is not a valid IDX image file
   */
  public static IdxImages readImages(InputStream in, String sourceName) throws IOException {
    ImageStream stream = new ImageStream(in, sourceName);
    // Grow with the data actually read instead of trusting the header's count for one big
    // allocation: a corrupt count then ends in a "truncated" message, not an OutOfMemoryError.
    List<int[]> pixels = new ArrayList<>(Math.min(stream.count, 1 << 16));
    for (int i = 0; i < stream.count; i++) {
      pixels.add(stream.next(new int[stream.perImage]));
    }
    stream.expectEnd();
    return new IdxImages(stream.rows, stream.cols, pixels.toArray(new int[0][]));
  }

  /**
   * An IDX image stream read one image at a time: the header is parsed on construction, {@link #next}
   * decodes the following image. The converter writes each image as soon as it is read, so no more
   * than one image is ever held.
   */
  private static final class ImageStream {

    final String sourceName;
    final DataInputStream data;
    final int count;
    final int rows;
    final int cols;
    final int perImage;
    private final byte[] buffer;
    private int read;

    ImageStream(InputStream in, String sourceName) throws IOException {
      this.sourceName = sourceName;
      data = new DataInputStream(maybeGunzip(in));
      expectMagic(data, sourceName, IMAGES_MAGIC, "an IDX images file (unsigned bytes, 3 dimensions)");
      count = readDimension(data, sourceName, "image count");
      rows = readDimension(data, sourceName, "row count");
      cols = readDimension(data, sourceName, "column count");
      if (rows == 0 || cols == 0) {
        throw new IOException(sourceName + ": images have " + rows + " x " + cols
          + " pixels; both dimensions must be at least 1");
      }
      long perImageLong = (long) rows * cols;
      // Guard against a corrupt header asking for an absurd allocation before any pixel is read.
      if (perImageLong > Integer.MAX_VALUE / 4) {
        throw new IOException(sourceName + ": image size " + rows + " x " + cols + " is too large");
      }
      perImage = (int) perImageLong;
      buffer = new byte[perImage];
    }

    /**
     * Reads the next image.
     *
     * @param destination receives the pixel values 0-255, row-major; length {@link #perImage}. Modified.
     * @return destination
     * @throws IOException if the stream ends before the image does
     */
    int[] next(int[] destination) throws IOException {
      read++;
      readFully(data, buffer, sourceName, "image " + read + " of " + count);
      for (int p = 0; p < perImage; p++) {
        destination[p] = buffer[p] & 0xFF;
      }
      return destination;
    }

    void expectEnd() throws IOException {
      MnistIdxToArff.expectEnd(data, sourceName);
    }
  }

  /**
   * Reads an IDX label file (plain or gzip-compressed).
   *
   * @param file the file to read
   * @return one label per image, each 0-9
   * @throws IOException if the file cannot be read, is not a valid IDX label file, or holds a
   *     label outside 0-9; the message names the file and the problem
   */
  public static int[] readLabels(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readLabels(in, file.toString());
    }
  }

  /**
   * Reads an IDX label stream (plain or gzip-compressed).
   *
   * @param in the stream; read to its end, not closed
   * @param sourceName name used in error messages, typically the file name
   * @return one label per image, each 0-9
   * @throws IOException if the stream is not a valid IDX label file or holds a label outside 0-9
   */
  public static int[] readLabels(InputStream in, String sourceName) throws IOException {
    DataInputStream data = new DataInputStream(maybeGunzip(in));
    expectMagic(data, sourceName, LABELS_MAGIC, "an IDX labels file (unsigned bytes, 1 dimension)");
    int count = readDimension(data, sourceName, "label count");
    // Read in chunks for the same reason as the images: never allocate what the header merely
    // claims.
    byte[] raw = new byte[Math.min(count, 1 << 16)];
    int read = 0;
    while (read < count) {
      if (read == raw.length) {
        raw = Arrays.copyOf(raw, (int) Math.min(count, 2L * raw.length));
      }
      int n = data.read(raw, read, raw.length - read);
      if (n < 0) {
        throw new IOException(sourceName + ": file is truncated: the header promises " + count
          + " labels but the file ends after " + read);
      }
      read += n;
    }
    expectEnd(data, sourceName);
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int label = raw[i] & 0xFF;
      // The class attribute is fixed to the ten digits; anything else means a wrong file.
      if (label >= NUM_CLASSES) {
        throw new IOException(sourceName + ": label " + (i + 1) + " is " + label
          + ", expected a digit 0-" + (NUM_CLASSES - 1));
      }
      labels[i] = label;
    }
    return labels;
  }

  /**
   * Writes images and labels as an uncompressed ARFF document. Wrap {@code out} in a {@link
   * GZIPOutputStream} for a {@code .arff.gz} file.
   *
   * @param out destination; flushed but not closed
   * @param relationName the {@code @relation} name, quoted if it needs it
   * @param images the images
   * @param labels one label 0-9 per image
   * @param comments lines written as {@code %} comments before {@code @relation}; may be empty
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the counts differ or a label is outside 0-9
   */
  public static void writeArff(OutputStream out, String relationName, IdxImages images,
    int[] labels, String... comments) throws IOException {
    if (images.count() != labels.length) {
      throw new IllegalArgumentException(
        images.count() + " images but " + labels.length + " labels");
    }
    BufferedOutputStream buf = arffWriter(out, relationName, images.pixelsPerImage(), comments);
    for (int i = 0; i < images.count(); i++) {
      writeRow(buf, images.image(i), labels[i], i);
    }
    buf.flush();
  }

  /**
   * Starts an ARFF document: writes the comments, the relation and the attribute declarations.
   *
   * @return the buffered stream to write the data rows to; the caller flushes it, never closes it
   */
  private static BufferedOutputStream arffWriter(OutputStream out, String relationName, int pixelsPerImage,
    String... comments) throws IOException {
    // A large buffer matters: the MNIST training set is about 110 MB of ARFF text. The buffer is
    // flushed, never closed, so the caller's stream stays open.
    BufferedOutputStream buf = new BufferedOutputStream(out, 1 << 16);
    StringBuilder header = new StringBuilder();
    for (String comment : comments) {
      for (String line : comment.split("\r?\n", -1)) {
        header.append("% ").append(line).append('\n');
      }
    }
    header.append("@relation ").append(quote(relationName)).append("\n\n");
    for (int p = 1; p <= pixelsPerImage; p++) {
      header.append("@attribute pixel").append(p).append(" numeric\n");
    }
    header.append("@attribute class {");
    for (int c = 0; c < NUM_CLASSES; c++) {
      header.append(c == 0 ? "" : ",").append(c);
    }
    header.append("}\n\n@data\n");
    buf.write(header.toString().getBytes(StandardCharsets.UTF_8));
    return buf;
  }

  /** Writes one data row: the pixels, then the label (row is 0-based, for the error message). */
  private static void writeRow(BufferedOutputStream buf, int[] pixels, int label, int row) throws IOException {
    if (label < 0 || label >= NUM_CLASSES) {
      throw new IllegalArgumentException("label " + (row + 1) + " is " + label
        + ", expected a digit 0-" + (NUM_CLASSES - 1));
    }
    for (int v : pixels) {
      buf.write(DECIMAL[v]);
      buf.write(',');
    }
    buf.write(DECIMAL[label]);
    buf.write('\n');
  }

  /**
   * Reads an IDX images file and an IDX labels file and writes them as one ARFF file, gzipped if
   * the output name ends in {@code .gz} (the intended use), plain otherwise.
   *
   * <p>The gzip header carries no file name and a zero modification time, so converting the same
   * input twice gives byte-identical output.
   *
   * @param imagesFile IDX images file (plain or gzipped)
   * @param labelsFile IDX labels file (plain or gzipped)
   * @param outFile the ARFF file to write; parent directories must exist
   * @param relationName the {@code @relation} name
   * @throws IOException if an input is invalid (message names the file), the counts differ, or
   *     writing fails
   */
  public static void convert(Path imagesFile, Path labelsFile, Path outFile, String relationName)
    throws IOException {
    // Write to a temporary sibling first so a failed run never leaves a truncated file behind
    // under the final name.
    Path tmp = outFile.resolveSibling(outFile.getFileName() + ".tmp");
    try (InputStream imagesIn = Files.newInputStream(imagesFile)) {
      ImageStream images = new ImageStream(imagesIn, imagesFile.toString());
      int[] labels = readLabels(labelsFile);
      if (images.count != labels.length) {
        throw new IOException(imagesFile + " holds " + images.count + " images but " + labelsFile
          + " holds " + labels.length + " labels; the two files do not belong together");
      }
      // Only base names go into the comment: a temporary directory would make the output differ
      // from run to run.
      String comment = "Converted by " + MnistIdxToArff.class.getName() + " from "
        + imagesFile.getFileName() + " and " + labelsFile.getFileName() + ": "
        + images.count + " images of " + images.rows + " x " + images.cols
        + " pixels, pixelK = row (K-1)/" + images.cols + ", column (K-1)%" + images.cols
        + ", values 0-255.";
      try (OutputStream raw = Files.newOutputStream(tmp)) {
        if (outFile.getFileName().toString().endsWith(".gz")) {
          try (GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
            streamArff(gz, relationName, images, labels, comment);
          }
        } else {
          streamArff(raw, relationName, images, labels, comment);
        }
      }
      Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the ARFF document image by image, as the images are read. */
  private static void streamArff(OutputStream out, String relationName, ImageStream images, int[] labels,
    String comment) throws IOException {
    BufferedOutputStream buf = arffWriter(out, relationName, images.perImage, comment);
    int[] pixels = new int[images.perImage];
    for (int i = 0; i < images.count; i++) {
      writeRow(buf, images.next(pixels), labels[i], i);
    }
    images.expectEnd();
    buf.flush();
  }

  /**
   * Command-line logic without {@link System#exit}, so it can be called from tests.
   *
   * @param args {@code <images> <labels> <out.arff.gz> [relationName]}
   * @return 0 on success, 1 if the conversion failed, 2 on a usage error
   */
  public static int run(String[] args) {
    if (args.length < 3 || args.length > 4) {
      System.err.println("Usage: java " + MnistIdxToArff.class.getName()
        + " <images-idx3-ubyte[.gz]> <labels-idx1-ubyte[.gz]> <out.arff.gz> [relationName]");
      System.err.println("  relationName defaults to the output file name without"
        + " .arff/.arff.gz, e.g. mnist_train");
      return EXIT_USAGE;
    }
    Path images = Paths.get(args[0]);
    Path labels = Paths.get(args[1]);
    Path out = Paths.get(args[2]);
    String relation = args.length == 4 ? args[3] : defaultRelationName(out);
    try {
      long start = System.nanoTime();
      convert(images, labels, out, relation);
      System.err.printf("Wrote %s (relation %s) in %.1f s%n", out, relation,
        (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (NoSuchFileException e) {
      // The exception's own message is only the bare path; say what is wrong with it.
      System.err.println("Error: file not found: " + e.getFile());
      return 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("Error: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Entry point; see {@link #run(String[])}.
   *
   * @param args {@code <images> <labels> <out.arff.gz> [relationName]}
   */
  public static void main(String[] args) {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Derives "mnist_train" from "mnist_train.arff.gz". */
  static String defaultRelationName(Path out) {
    String name = out.getFileName().toString();
    for (String suffix : new String[] {".gz", ".arff"}) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
      }
    }
    return name.isEmpty() ? "mnist" : name;
  }

  /** Quotes an ARFF name unless it consists only of characters that never need quoting. */
  static String quote(String name) {
    if (!name.isEmpty() && name.matches("[A-Za-z0-9_.\\-]+")) {
      return name;
    }
    return "'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Returns a stream that transparently gunzips when the data starts with the gzip signature. An
   * IDX file always starts with two zero bytes, so the two cases cannot be confused.
   */
  private static InputStream maybeGunzip(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(2);
    int b0 = buffered.read();
    int b1 = buffered.read();
    buffered.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
    }
    return buffered;
  }

  private static void expectMagic(DataInputStream data, String source, int expected,
    String expectedDescription) throws IOException {
    int magic;
    try {
      magic = data.readInt();
    } catch (EOFException e) {
      throw new IOException(source + ": file is shorter than the 4-byte IDX magic number", e);
    }
    if (magic == expected) {
      return;
    }
    StringBuilder msg = new StringBuilder(source).append(": bad magic number ").append(magic)
      .append(String.format(" (0x%08X)", magic)).append(", expected ").append(expected)
      .append(String.format(" (0x%08X)", expected)).append(" for ").append(expectedDescription);
    // The most likely mistake is swapping the two file arguments; say so.
    if (magic == IMAGES_MAGIC) {
      msg.append("; this looks like an IDX images file - are the arguments swapped?");
    } else if (magic == LABELS_MAGIC) {
      msg.append("; this looks like an IDX labels file - are the arguments swapped?");
    } else if ((magic >>> 16) != 0) {
      msg.append("; not an IDX file (IDX starts with two zero bytes)");
    }
    throw new IOException(msg.toString());
  }

  private static int readDimension(DataInputStream data, String source, String what)
    throws IOException {
    int value;
    try {
      value = data.readInt();
    } catch (EOFException e) {
      throw new IOException(source + ": file ended inside the IDX header while reading the "
        + what, e);
    }
    // IDX sizes are unsigned 32-bit; Java arrays cannot hold more than 2^31-1 anyway.
    if (value < 0) {
      throw new IOException(source + ": " + what + " " + Integer.toUnsignedString(value)
        + " in the header is too large");
    }
    return value;
  }

  private static void readFully(DataInputStream data, byte[] buffer, String source, String what)
    throws IOException {
    int done = 0;
    while (done < buffer.length) {
      int n = data.read(buffer, done, buffer.length - done);
      if (n < 0) {
        throw new IOException(source + ": file is truncated: it ended after " + done + " of "
          + buffer.length + " bytes of " + what + " (the header promises more data)");
      }
      done += n;
    }
  }

  private static void expectEnd(DataInputStream data, String source) throws IOException {
    // Extra bytes mean the header counts disagree with the file size: a corrupt or
    // mismatched file is better reported than silently half-used.
    if (data.read() >= 0) {
      long extra = 1;
      byte[] skip = new byte[8192];
      int n;
      while ((n = data.read(skip)) > 0) {
        extra += n;
      }
      throw new IOException(source + ": " + extra
        + " unexpected bytes after the data the IDX header describes");
    }
  }
}
