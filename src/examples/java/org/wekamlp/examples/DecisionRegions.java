package org.wekamlp.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import weka.classifiers.Evaluation;
import weka.classifiers.functions.MultilayerPerceptronClassifier;
import weka.classifiers.functions.mlp.TuningReport;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The lecture's picture of regularization: the decision regions of {@link MultilayerPerceptronClassifier} on two
 * interleaved half-moons (200 training points with Gaussian noise, seed 1), one panel per alpha, and a last panel
 * for {@code -tune}, which picks alpha by internal cross-validation. Each panel is coloured by the predicted
 * probability of the second class and titled with alpha and the accuracy on 1,000 fresh test points. Written
 * headless with Java2D into one PNG.
 *
 * <p>Usage: {@code mvn -B -q -Pmnist -DskipTests package exec:java
 * -Dmainjob.class=org.wekamlp.examples.DecisionRegions [-Dexec.args=docs/images/tune-decision-regions.png]}.
 */
public final class DecisionRegions {

  private static final double[] ALPHAS = {1e-5, 0.01, 1, 10};
  private static final String NETWORK = "-solver lbfgs -hidden-layer-sizes 100";
  private static final int PANEL = 260;
  private static final int TITLE = 34;
  private static final double MIN_X = -1.6;
  private static final double MAX_X = 2.6;
  private static final double MIN_Y = -1.3;
  private static final double MAX_Y = 1.8;

  private DecisionRegions() {
  }

  /**
   * @param args the PNG file to write; default {@code target/tune-decision-regions.png}
   * @throws Exception when training or writing fails
   */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    File output = new File(args.length > 0 ? args[0] : "target/tune-decision-regions.png");
    Instances train = moons(200, 0.25, 1);
    Instances test = moons(1000, 0.25, 2);
    BufferedImage image = new BufferedImage(PANEL * (ALPHAS.length + 1), PANEL + TITLE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int p = 0; p <= ALPHAS.length; p++) {
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier();
      boolean tuned = p == ALPHAS.length;
      mlp.setOptions(Utils.splitOptions(NETWORK + (tuned ? " -tune" : " -alpha " + ALPHAS[p])));
      mlp.buildClassifier(train);
      Evaluation evaluation = new Evaluation(train);
      evaluation.evaluateModel(mlp, test);
      String title = tuned ? "-tune: " + chosen(mlp.getModel().tuning()) : "alpha " + format(ALPHAS[p]);
      System.out.printf(Locale.ROOT, "%s: test accuracy %.1f %%%n", title, evaluation.pctCorrect());
      drawPanel(g, p * PANEL, mlp, train, title, evaluation.pctCorrect());
      if (tuned) {
        System.out.println(mlp);
      }
    }
    g.dispose();
    if (output.getParentFile() != null) {
      output.getParentFile().mkdirs();
    }
    ImageIO.write(image, "png", output);
    System.out.println("Wrote " + output);
  }

  private static String chosen(TuningReport report) {
    return report.choseIntercept() ? "intercept only" : report.chosenSolver().optionName() + ", alpha " + format(report
      .chosenAlpha());
  }

  private static String format(double alpha) {
    return alpha >= 0.01 ? String.valueOf(alpha).replaceAll("\\.0$", "") : String.format(Locale.ROOT, "%.0e", alpha);
  }

  /**
   * Two interleaved half-moons, as scikit-learn's make_moons draws them: angles uniform in [0, pi], the second moon
   * shifted by (1, 0.5) and flipped, plus Gaussian noise.
   *
   * @param rows the number of points, half per moon
   * @param noise the standard deviation of the noise
   * @param seed the seed
   * @return the points, class "upper" or "lower"
   */
  static Instances moons(int rows, double noise, long seed) {
    ArrayList<Attribute> attributes = new ArrayList<>();
    attributes.add(new Attribute("x"));
    attributes.add(new Attribute("y"));
    ArrayList<String> classes = new ArrayList<>();
    classes.add("upper");
    classes.add("lower");
    attributes.add(new Attribute("moon", classes));
    Instances data = new Instances("moons", attributes, rows);
    data.setClassIndex(2);
    Random random = new Random(seed);
    for (int i = 0; i < rows; i++) {
      int moon = i % 2;
      double angle = Math.PI * random.nextDouble();
      double x = moon == 0 ? Math.cos(angle) : 1 - Math.cos(angle);
      double y = moon == 0 ? Math.sin(angle) : 0.5 - Math.sin(angle);
      data.add(new DenseInstance(1.0, new double[] {x + noise * random.nextGaussian(), y + noise * random
        .nextGaussian(), moon}));
    }
    return data;
  }

  private static void drawPanel(Graphics2D g, int left, MultilayerPerceptronClassifier mlp, Instances train,
    String title, double accuracy) throws Exception {
    int cell = 2;
    int cells = PANEL / cell;
    Instances grid = new Instances(train, cells * cells);
    for (int j = 0; j < cells; j++) {
      for (int i = 0; i < cells; i++) {
        grid.add(new DenseInstance(1.0, new double[] {x(i * cell + cell / 2), y(j * cell + cell / 2), 0}));
      }
    }
    double[][] p = mlp.distributionsForInstances(grid);
    for (int j = 0; j < cells; j++) {
      for (int i = 0; i < cells; i++) {
        g.setColor(blend(p[j * cells + i][1]));
        g.fillRect(left + i * cell, TITLE + j * cell, cell, cell);
      }
    }
    g.setStroke(new BasicStroke(1f));
    for (int r = 0; r < train.numInstances(); r++) {
      int px = left + (int) Math.round((train.instance(r).value(0) - MIN_X) / (MAX_X - MIN_X) * PANEL);
      int py = TITLE + (int) Math.round((MAX_Y - train.instance(r).value(1)) / (MAX_Y - MIN_Y) * PANEL);
      g.setColor(train.instance(r).classValue() == 0 ? new Color(30, 60, 200) : new Color(200, 40, 30));
      g.fillOval(px - 3, py - 3, 7, 7);
      g.setColor(Color.WHITE);
      g.drawOval(px - 3, py - 3, 7, 7);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, left + 8, 15);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(String.format(Locale.ROOT, "test accuracy %.1f %%", accuracy), left + 8, 29);
    g.drawRect(left, TITLE, PANEL - 1, PANEL - 1);
  }

  private static double x(int pixel) {
    return MIN_X + (MAX_X - MIN_X) * pixel / PANEL;
  }

  private static double y(int pixel) {
    return MAX_Y - (MAX_Y - MIN_Y) * pixel / PANEL;
  }

  /** @return light blue where class 0 is sure, light red where class 1 is, white at p = 0.5 */
  private static Color blend(double p) {
    double t = Math.max(0.0, Math.min(1.0, p));
    double strength = Math.abs(t - 0.5) * 2;
    int[] sure = t < 0.5 ? new int[] {140, 165, 255} : new int[] {255, 150, 140};
    return new Color(mix(sure[0], strength), mix(sure[1], strength), mix(sure[2], strength));
  }

  private static int mix(int channel, double strength) {
    return (int) Math.round(255 - (255 - channel) * strength);
  }
}
