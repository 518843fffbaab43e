/**
 * The bridge between Weka and the numerical core: the base class shared by
 * {@code MultilayerPerceptronClassifier} and {@code MultilayerPerceptronRegressor} (options, training
 * life cycle, prediction, model summary) and the {@link weka.classifiers.functions.mlp.InstancesEncoder}
 * that turns instances into matrices.
 */
package weka.classifiers.functions.mlp;
