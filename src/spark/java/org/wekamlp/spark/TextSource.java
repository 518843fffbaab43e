package org.wekamlp.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import scala.Tuple2;
import weka.core.Instances;
import weka.core.converters.ArffLoader;
import weka.core.converters.ConverterUtils;

/**
 * The training and test files, read through Hadoop's file systems (local paths, {@code hdfs://}, {@code s3a://}, ...
 * whatever the class path supports): the header of an ARFF file (or of the {@code -header} file for CSV data), the
 * data lines as an RDD of {@link ParsedRow} that remember their file and byte offset, and the line number of an
 * offset, for naming a bad line.
 */
final class TextSource {

  private TextSource() {
  }

  /**
   * @param path a file, a folder or a glob
   * @param configuration Hadoop's configuration
   * @return the files it names, in name order
   * @throws IOException when it names none
   */
  static List<Path> files(String path, Configuration configuration) throws IOException {
    Path pattern = new Path(path);
    FileSystem fs = pattern.getFileSystem(configuration);
    FileStatus[] matches = fs.globStatus(pattern);
    List<Path> files = new ArrayList<>();
    for (FileStatus status : matches == null ? new FileStatus[0] : matches) {
      if (status.isDirectory()) {
        for (FileStatus child : fs.listStatus(status.getPath())) {
          if (child.isFile() && !child.getPath().getName().startsWith("_")
            && !child.getPath().getName().startsWith(".")) {
            files.add(child.getPath());
          }
        }
      } else {
        files.add(status.getPath());
      }
    }
    if (files.isEmpty()) {
      throw new IOException("No such file: " + path);
    }
    files.sort(null);
    return files;
  }

  /**
   * The attribute declarations of an ARFF file: its lines up to {@code @data}, parsed by Weka.
   *
   * @param file the ARFF file
   * @param configuration Hadoop's configuration
   * @return the header, no instances, no class set
   * @throws IOException when the file cannot be read or its header is not valid ARFF (naming the file)
   */
  static Instances arffHeader(Path file, Configuration configuration) throws IOException {
    StringBuilder text = new StringBuilder();
    try (BufferedReader reader = open(file, configuration)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        text.append(line).append('\n');
        if (line.trim().toLowerCase(java.util.Locale.ROOT).startsWith("@data")) {
          break;
        }
      }
    }
    try (Reader reader = new StringReader(text.toString())) {
      return new Instances(reader);
    } catch (IOException | RuntimeException e) {
      throw new IOException("The ARFF header of " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * A whole data file (the test data of {@code -T}), read by Weka's loaders (ARFF, CSV, ... by its extension).
   *
   * @param path the file
   * @param configuration Hadoop's configuration
   * @return its instances, no class set
   * @throws Exception when it cannot be read, naming the file
   */
  static Instances wholeFile(String path, Configuration configuration) throws Exception {
    try {
      if (!path.toLowerCase(java.util.Locale.ROOT).matches(".*\\.arff(\\.gz)?")) {
        return new ConverterUtils.DataSource(path).getDataSet(); // Weka's loaders by extension, local files
      }
      try (InputStream in = decompressed(new Path(path), configuration)) {
        ArffLoader loader = new ArffLoader();
        loader.setSource(in);
        return loader.getDataSet();
      }
    } catch (Exception e) {
      throw new IOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static BufferedReader open(Path file, Configuration configuration) throws IOException {
    return new BufferedReader(new InputStreamReader(decompressed(file, configuration), StandardCharsets.UTF_8));
  }

  /** @return the file's bytes, decompressed when its name ends as a Hadoop codec's does (.gz, .bz2, ...) */
  private static InputStream decompressed(Path file, Configuration configuration) throws IOException {
    InputStream in = file.getFileSystem(configuration).open(file);
    CompressionCodec codec = new CompressionCodecFactory(configuration).getCodec(file);
    return codec == null ? in : codec.createInputStream(in);
  }

  /**
   * The data lines of the files, parsed on the executors.
   *
   * @param context the Spark context
   * @param files the files
   * @param parser reads a line
   * @return the rows, bad ones included (as {@link ParsedRow#bad}); blank, comment and header lines left out
   */
  static JavaRDD<ParsedRow> rows(JavaSparkContext context, List<Path> files, RowParser parser) {
    String joined = String.join(",", files.stream().map(Path::toString).toArray(String[]::new));
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) context.newAPIHadoopFile(
      joined, TextInputFormat.class, LongWritable.class, Text.class, context.hadoopConfiguration());
    return lines.mapPartitionsWithInputSplit((split, iterator) -> parse(parser,
      ((FileSplit) split).getPath().toString(), iterator), false);
  }

  private static Iterator<ParsedRow> parse(RowParser parser, String file, Iterator<Tuple2<LongWritable, Text>> lines) {
    List<ParsedRow> rows = new ArrayList<>();
    while (lines.hasNext()) {
      Tuple2<LongWritable, Text> line = lines.next();
      ParsedRow row = parser.parse(file, line._1().get(), line._2().toString());
      if (row != null) {
        rows.add(row);
      }
    }
    return rows.iterator();
  }

  /**
   * @param file a text file
   * @param offset the byte offset of a line in it
   * @param configuration Hadoop's configuration
   * @return the line's number, counting from 1
   * @throws IOException when the file cannot be read
   */
  static long lineNumber(String file, long offset, Configuration configuration) throws IOException {
    long line = 1;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = decompressed(new Path(file), configuration)) {
      long position = 0;
      while (position < offset) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, offset - position));
        if (read < 0) {
          break;
        }
        for (int i = 0; i < read; i++) {
          line += buffer[i] == '\n' ? 1 : 0;
        }
        position += read;
      }
    }
    return line;
  }
}
