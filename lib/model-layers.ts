/**
 * The layers and compile step every course model shares (lib/models.ts and
 * its variants in lib/model-variants.ts): seeded initialisers, one seed per
 * layer, and the same optimizer and loss, so two models differ only where
 * their architectures do. Internal: not re-exported by lib/index.ts.
 */
import * as tf from "@tensorflow/tfjs";


/** Hands out seeds seed, seed+1, ... so every layer's initializer gets its own. */
export function seeds(seed: number): () => number {
  let next = seed;
  return () => next++;
}

export const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

/** Adam (the course's fused kernel), binary cross-entropy, accuracy. */
export function compile(model: tf.Sequential, learningRate: number): tf.Sequential {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

/** Keras' Embedding initialiser: uniform in [-0.05, 0.05]. */
export function embedding(vocabSize: number, embeddingDim: number, maxlen: number, seed: number): tf.layers.Layer {
  return tf.layers.embedding({
    inputDim: vocabSize, outputDim: embeddingDim, inputLength: maxlen,
    embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
  });
}

/**
 * Keras' orthogonal initializer, without tfjs' "Slowness may result" warning
 * for matrices over 2,000 elements: the LSTM's 60×240 takes well under a
 * second, and the warning would show as a red block in every notebook.
 */
export function quietOrthogonal(seed: number): ReturnType<typeof tf.initializers.orthogonal> {
  const initializer = tf.initializers.orthogonal({ seed, gain: 1 });
  (initializer as unknown as { ELEMENTS_WARN_SLOW: number }).ELEMENTS_WARN_SLOW = Infinity;
  return initializer;
}
