/** Runnable examples and data tools: the MNIST IDX-to-ARFF converter. */
package weka.classifiers.functions.mlp.examples;
