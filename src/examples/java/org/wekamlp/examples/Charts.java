package org.wekamlp.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.text.DecimalFormat;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.wekamlp.core.ReliabilityBins;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.ThresholdCurve;
import weka.core.Instances;

/** PNG charts of an evaluation, of calibration and of a training history, drawn with JFreeChart. */
public final class Charts {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 650;

  private Charts() {
  }

  /**
   * One ROC curve per class value, with each class's area under the curve in the legend.
   *
   * @param evaluation an evaluation that kept its predictions. Not modified.
   * @param title chart title
   * @param file the PNG to write
   * @throws IOException if the file cannot be written
   */
  public static void writeRocCurves(Evaluation evaluation, String title, File file) throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    Instances header = evaluation.getHeader();
    ThresholdCurve thresholdCurve = new ThresholdCurve();
    for (int c = 0; c < header.numClasses(); c++) {
      Instances curve = thresholdCurve.getCurve(evaluation.predictions(), c);
      double auc = ThresholdCurve.getROCArea(curve);
      XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (AUC %.4f)", header.classAttribute().value(c), auc),
        false, true);
      int fpr = curve.attribute(ThresholdCurve.FP_RATE_NAME).index();
      int tpr = curve.attribute(ThresholdCurve.TP_RATE_NAME).index();
      for (int i = 0; i < curve.numInstances(); i++) {
        s.add(curve.instance(i).value(fpr), curve.instance(i).value(tpr));
      }
      series.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "False positive rate", "True positive rate", series,
      PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    style(plot);
    // the interesting part of a good classifier's ROC curve hugs the top-left corner: show it on a log scale
    org.jfree.chart.axis.LogAxis logX = new org.jfree.chart.axis.LogAxis("False positive rate (log scale)");
    logX.setSmallestValue(1e-4);
    logX.setRange(1e-4, 1.0);
    logX.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    logX.setNumberFormatOverride(new DecimalFormat("0.####"));
    plot.setDomainAxis(logX);
    ((NumberAxis) plot.getRangeAxis()).setRange(0.5, 1.005);
    ChartUtils.saveChartAsPNG(file, chart, WIDTH, HEIGHT);
  }

  /**
   * Training loss per epoch, with the validation score on a second axis when there is one.
   *
   * @param loss training loss per epoch. Not modified.
   * @param validation validation score per epoch, or null / all NaN when there is none. Not modified.
   * @param scoreName the validation score's name, e.g. accuracy
   * @param title chart title
   * @param file the PNG to write
   * @throws IOException if the file cannot be written
   */
  public static void writeLossCurve(double[] loss, double[] validation, String scoreName, String title, File file)
    throws IOException {
    XYSeries lossSeries = new XYSeries("training loss");
    for (int i = 0; i < loss.length; i++) {
      lossSeries.add(i + 1, loss[i]);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "Epoch", "Training loss (log scale)",
      new XYSeriesCollection(lossSeries), PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    style(plot);
    org.jfree.chart.axis.LogAxis logY = new org.jfree.chart.axis.LogAxis("Training loss (log scale)");
    logY.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    logY.setNumberFormatOverride(new DecimalFormat("0.#####"));
    plot.setRangeAxis(logY);
    boolean hasValidation = false;
    XYSeries validationSeries = new XYSeries("validation " + scoreName);
    if (validation != null) {
      for (int i = 0; i < validation.length; i++) {
        if (!Double.isNaN(validation[i])) {
          validationSeries.add(i + 1, validation[i]);
          hasValidation = true;
        }
      }
    }
    if (hasValidation) {
      NumberAxis scoreAxis = new NumberAxis("Validation " + scoreName);
      scoreAxis.setAutoRangeIncludesZero(false);
      plot.setRangeAxis(1, scoreAxis);
      plot.setDataset(1, new XYSeriesCollection(validationSeries));
      plot.mapDatasetToRangeAxis(1, 1);
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
      renderer.setSeriesPaint(0, new Color(200, 80, 0));
      renderer.setSeriesStroke(0, new BasicStroke(2f));
      plot.setRenderer(1, renderer);
    }
    ChartUtils.saveChartAsPNG(file, chart, WIDTH, HEIGHT);
  }

  /**
   * A reliability diagram: for each model, the accuracy of each non-empty confidence bin against the bin's mean
   * confidence, with the diagonal of perfect calibration; the legend gives each model's ECE.
   *
   * @param names the models' names. Not modified.
   * @param bins each model's reliability bins, filled with its test predictions. Not modified.
   * @param title chart title
   * @param file the PNG to write
   * @throws IOException if the file cannot be written
   */
  public static void writeReliabilityDiagram(String[] names, ReliabilityBins[] bins, String title, File file)
    throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    XYSeries diagonal = new XYSeries("perfect calibration");
    diagonal.add(0.0, 0.0);
    diagonal.add(1.0, 1.0);
    series.addSeries(diagonal);
    for (int m = 0; m < names.length; m++) {
      XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (ECE %.4f)", names[m],
        bins[m].expectedCalibrationError()), false, true);
      for (int b = 0; b < bins[m].numBins(); b++) {
        if (bins[m].weight(b) > 0.0) {
          s.add(bins[m].meanConfidence(b), bins[m].accuracy(b));
        }
      }
      series.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "Mean confidence of the bin (" + bins[0].numBins()
      + " equal-width bins of the top class's probability)", "Accuracy in the bin", series,
      PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    style(plot);
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    renderer.setSeriesPaint(0, Color.GRAY);
    renderer.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {
      6f, 4f}, 0f));
    for (int m = 1; m <= names.length; m++) {
      renderer.setSeriesShapesVisible(m, true);
    }
    ((NumberAxis) plot.getDomainAxis()).setRange(0.0, 1.0);
    ((NumberAxis) plot.getRangeAxis()).setRange(0.0, 1.0);
    ChartUtils.saveChartAsPNG(file, chart, WIDTH, HEIGHT);
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < 12; s++) {
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
  }
}
