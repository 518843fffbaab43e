package org.wekamlp.examples;

import java.io.File;
import java.io.FileNotFoundException;

import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** Loads the data sets of {@code datasets/} the way a Weka user would, with the class last. */
public final class MnistData {

  /** Folder of the data sets, relative to the project root. */
  public static final String FOLDER = "datasets";

  private MnistData() {
  }

  /**
   * @param name a file in datasets/, e.g. {@code mnist_train.arff.gz}
   * @return its instances with the last attribute as the class
   * @throws Exception when the file is missing or unreadable
   */
  public static Instances load(String name) throws Exception {
    File file = new File(FOLDER, name);
    if (!file.isFile()) {
      throw new FileNotFoundException(file.getAbsolutePath()
        + " not found: run from the project root (datasets/README.md says how to regenerate it)");
    }
    Instances data = DataSource.read(file.getPath());
    data.setClassIndex(data.numAttributes() - 1);
    return data;
  }

  /**
   * The first rows of a data set (MNIST's files are in a fixed, shuffled order, so a prefix keeps the
   * class balance).
   *
   * @param data all rows. Not modified.
   * @param rows how many to keep
   * @return a new data set with those rows
   */
  public static Instances head(Instances data, int rows) {
    return new Instances(data, 0, Math.min(rows, data.numInstances()));
  }
}
