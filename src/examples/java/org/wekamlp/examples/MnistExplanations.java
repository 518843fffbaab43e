package org.wekamlp.examples;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import javax.imageio.ImageIO;

import weka.attributeSelection.PermutationImportance;
import weka.attributeSelection.PermutationImportanceAttributeEval;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.Explanation;
import weka.classifiers.functions.mlp.PredictionExplainer;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Explanations on MNIST, as two heat maps of the 28 x 28 pixels:
 * <ul>
 * <li>{@code mnist-permutation-importance.png}: the permutation importance
 * ({@link PermutationImportanceAttributeEval#evaluateGroups}) of square blocks of pixels, each block shuffled as one,
 * for the MLP with the recommended pixel options, on held-out folds of the first training digits;</li>
 * <li>{@code mnist-attributions.png}: per digit, the mean integrated-gradients attribution ({@link PredictionExplainer})
 * of each pixel to the probability of the true digit, over test digits of that class, from an MLP trained on the
 * same training digits.</li>
 * </ul>
 * Prints the timings and the completeness errors.
 *
 * <p>Usage (from the project root): {@code java org.wekamlp.examples.MnistExplanations [output folder] [training
 * rows] [block size] [folds] [shuffles] [test digits per class]}, defaults {@code target/mnist 20000 2 3 3 100}.
 */
public final class MnistExplanations {

  private static final int SIDE = 28;
  private static final String[] OPTIONS = {"-input-scaling", "normalize", "-hidden-layer-sizes", "100"};

  private MnistExplanations() {
  }

  /**
   * @param args output folder, training rows, block size, folds, shuffles, test digits per class
   * @throws Exception when the data cannot be read or training fails
   */
  public static void main(String[] args) throws Exception {
    Path output = Paths.get(args.length > 0 ? args[0] : "target/mnist");
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
    int block = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int folds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int shuffles = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int perClass = args.length > 5 ? Integer.parseInt(args[5]) : 100;
    Files.createDirectories(output);
    long start = System.nanoTime();
    Instances train = MnistData.head(MnistData.load("mnist_train.arff.gz"), rows);
    Instances test = MnistData.load("mnist_test.arff.gz");
    System.out.printf(Locale.ROOT, "data: %d training digits, %d test digits, read in %.1f s%n", train
      .numInstances(), test.numInstances(), seconds(start));

    long t = System.nanoTime();
    if (block > 0) { // 0: integrated gradients only
      double[] importance = permutationImportance(train, block, folds, shuffles);
      System.out.printf(Locale.ROOT, "permutation importance of %dx%d blocks: %.1f s%n", block, block, seconds(t));
      writePng(importanceMap(importance), output.resolve("mnist-permutation-importance.png").toFile());
    }

    t = System.nanoTime();
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
    mlp.setOptions(OPTIONS.clone());
    mlp.buildClassifier(train);
    System.out.printf(Locale.ROOT, "training the explained model on %d digits: %.1f s%n", train.numInstances(),
      seconds(t));
    t = System.nanoTime();
    double[][] attributions = meanAttributions(new PredictionExplainer(mlp.getModel()), test, perClass);
    System.out.printf(Locale.ROOT, "integrated gradients of %d test digits: %.1f s%n", 10 * perClass, seconds(t));
    writePng(attributionMaps(attributions), output.resolve("mnist-attributions.png").toFile());
    System.out.printf(Locale.ROOT, "wrote %s and %s; wall time %.1f s%n", output.resolve(
      "mnist-permutation-importance.png"), output.resolve("mnist-attributions.png"), seconds(start));
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) * 1e-9;
  }

  /** @return per pixel, the importance of its block */
  private static double[] permutationImportance(Instances train, int block, int folds, int shuffles)
    throws Exception {
    int perSide = (SIDE + block - 1) / block;
    int[][] groups = new int[perSide * perSide][];
    for (int by = 0; by < perSide; by++) {
      for (int bx = 0; bx < perSide; bx++) {
        int h = Math.min(block, SIDE - by * block);
        int w = Math.min(block, SIDE - bx * block);
        int[] group = new int[h * w];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            group[y * w + x] = (by * block + y) * SIDE + bx * block + x;
          }
        }
        groups[by * perSide + bx] = group;
      }
    }
    PermutationImportanceAttributeEval eval = new PermutationImportanceAttributeEval();
    eval.setOptions(new String[] {"-F", Integer.toString(folds), "-N", Integer.toString(shuffles), "--", OPTIONS[0],
      OPTIONS[1], OPTIONS[2], OPTIONS[3]});
    PermutationImportance.Result result = eval.evaluateGroups(train, groups);
    double[] mean = result.mean();
    double[] std = result.standardDeviation();
    double[] perPixel = new double[SIDE * SIDE];
    int top = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int pixel : groups[g]) {
        perPixel[pixel] = mean[g];
      }
      top = mean[g] > mean[top] ? g : top;
    }
    System.out.printf(Locale.ROOT, "held-out accuracy %.4f; most important block %d (rows %d-%d, columns %d-%d): "
      + "accuracy drop %.4f ± %.4f%n", result.baselineScore(), top, top / perSide * block, top / perSide * block
        + block - 1, top % perSide * block, top % perSide * block + block - 1, mean[top], std[top]);
    return perPixel;
  }

  /** @return per digit, the mean attribution of each pixel to the probability of that digit */
  private static double[][] meanAttributions(PredictionExplainer explainer, Instances test, int perClass) {
    double[][] sum = new double[10][SIDE * SIDE];
    int[] count = new int[10];
    double worst = 0.0;
    double worstAbsolute = 0.0;
    double smallest = Double.POSITIVE_INFINITY;
    int above = 0;
    int steps = 0;
    long totalSteps = 0;
    for (int i = 0; i < test.numInstances(); i++) {
      Instance digit = test.instance(i);
      int c = (int) digit.classValue();
      if (count[c] == perClass) {
        continue;
      }
      Explanation e = explainer.explain(digit, c, PredictionExplainer.DEFAULT_STEPS);
      double[] a = e.attributions();
      for (int p = 0; p < a.length; p++) {
        sum[c][p] += a[p];
      }
      count[c]++;
      if (e.completenessError() > PredictionExplainer.TOLERANCE) {
        above++;
        worstAbsolute = Math.max(worstAbsolute, e.absoluteCompletenessError());
        smallest = Math.min(smallest, Math.abs(e.output() - e.baselineOutput()));
      } else {
        worst = Math.max(worst, e.completenessError());
      }
      steps = Math.max(steps, e.steps());
      totalSteps += e.steps();
    }
    for (int c = 0; c < 10; c++) {
      for (int p = 0; p < SIDE * SIDE; p++) {
        sum[c][p] /= Math.max(1, count[c]);
      }
    }
    System.out.printf(Locale.ROOT, "completeness: %d of %d digits within 1 %% (largest error %.4f %%); %d above "
      + "(largest absolute error %.2g, output differences down to %.2g); steps: mean %.0f, most %d%n", 10 * perClass
        - above, 10 * perClass, 100 * worst, above, worstAbsolute, smallest, (double) totalSteps / (10 * perClass),
      steps);
    return sum;
  }

  private static final int SCALE = 10;

  /** One 28 x 28 map, white (0) to dark red (the largest importance), with a title. */
  private static BufferedImage importanceMap(double[] importance) {
    double max = 0.0;
    for (double v : importance) {
      max = Math.max(max, v);
    }
    BufferedImage image = canvas(SIDE * SCALE + 20, SIDE * SCALE + 50);
    Graphics2D g = image.createGraphics();
    text(g, String.format(Locale.ROOT, "Permutation importance (max %.3f)", max), 10, 20);
    for (int p = 0; p < SIDE * SIDE; p++) {
      g.setColor(diverging(Math.max(0.0, importance[p]) / Math.max(max, 1e-12)));
      g.fillRect(10 + (p % SIDE) * SCALE, 35 + (p / SIDE) * SCALE, SCALE, SCALE);
    }
    g.dispose();
    return image;
  }

  /** Ten maps, red for pixels that raise the digit's probability, blue for those that lower it. */
  private static BufferedImage attributionMaps(double[][] attributions) {
    int cell = SIDE * 5;
    BufferedImage image = canvas(5 * (cell + 10) + 10, 2 * (cell + 30) + 30);
    Graphics2D g = image.createGraphics();
    text(g, "Mean integrated gradients per digit (red: raises P(digit), blue: lowers it)", 10, 18);
    for (int c = 0; c < 10; c++) {
      double max = 1e-12;
      for (double v : attributions[c]) {
        max = Math.max(max, Math.abs(v));
      }
      int left = 10 + (c % 5) * (cell + 10);
      int top = 30 + (c / 5) * (cell + 30);
      text(g, "digit " + c, left, top + 14);
      for (int p = 0; p < SIDE * SIDE; p++) {
        g.setColor(diverging(attributions[c][p] / max));
        g.fillRect(left + (p % SIDE) * 5, top + 20 + (p / SIDE) * 5, 5, 5);
      }
    }
    g.dispose();
    return image;
  }

  private static BufferedImage canvas(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  private static void text(Graphics2D g, String text, int x, int y) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(text, x, y);
  }

  /** @return white at 0, towards dark red at +1 and dark blue at -1 */
  private static Color diverging(double v) {
    double t = Math.min(1.0, Math.abs(v));
    int fade = (int) Math.round(255 * (1 - t));
    int deep = (int) Math.round(255 - 125 * t);
    return v >= 0 ? new Color(deep, fade, fade) : new Color(fade, fade, deep);
  }

  private static void writePng(BufferedImage image, File file) throws Exception {
    if (!ImageIO.write(image, "png", file)) {
      throw new IllegalStateException("No PNG writer for " + file);
    }
  }
}
