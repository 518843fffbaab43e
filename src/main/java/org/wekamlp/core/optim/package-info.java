/**
 * Optimizers that know only parameter arrays and gradient arrays: {@link org.wekamlp.core.optim.Sgd}
 * (momentum, Nesterov, learning-rate schedules), {@link org.wekamlp.core.optim.Adam}, and
 * {@link org.wekamlp.core.optim.Lbfgs} for whole-data minimisation.
 */
package org.wekamlp.core.optim;
