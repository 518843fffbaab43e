/** Runnable examples and data tools: the MNIST IDX-to-ARFF converter. */
package org.wekamlp.examples;
