package weka.classifiers.functions.mlp;

/** The classifier's outputs: a softmax over the classes, returned as they are. */
public final class ClassProbabilities implements OutputDecoding {

  private static final long serialVersionUID = 3127714092517416052L;

  private final int numClasses;

  /** @param numClasses number of class values, one output each */
  public ClassProbabilities(int numClasses) {
    this.numClasses = numClasses;
  }

  @Override
  public double[] toDistribution(double[] outputs, int offset) {
    double[] distribution = new double[numClasses];
    System.arraycopy(outputs, offset, distribution, 0, numClasses);
    return distribution;
  }

  @Override
  public String describe() {
    return "softmax over " + numClasses + " classes";
  }
}
