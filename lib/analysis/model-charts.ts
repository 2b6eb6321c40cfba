/**
 * Charts of lesson 9, "Inside the models": the map of a model's word vectors
 * and accuracy by review length. Both are chartHtml fragments.
 */
import type { Data } from "plotly.js-dist";
import { chartHtml } from "../display/charts";
import type { Projection } from "./embedding-analysis";
import type { LengthBucket } from "./error-analysis";
import { HIGHLIGHT_NEGATIVE_COLOR, HIGHLIGHT_POSITIVE_COLOR } from "./highlight";

/**
 * Words placed by the first two principal components of their vectors,
 * coloured by `ratios` (ln of positive over negative review shares) on the
 * highlight's colour-blind-safe scale, orange to blue (lesson 9). The
 * `labelled` words with the largest |ratio| are written next to their points;
 * every point names its word on hover.
 */
export function embeddingMapChartHtml(words: readonly string[], projection: Projection, ratios: ArrayLike<number>, title: string, labelled = 30): string {
  const [xs, ys] = projection.coordinates;
  if (ys === undefined) throw new RangeError("embeddingMapChartHtml: the projection needs 2 components; call principalComponents(rows, 2).");
  if (words.length !== xs.length || ratios.length !== xs.length) {
    throw new RangeError(`embeddingMapChartHtml: ${words.length} words, ${ratios.length} ratios and ${xs.length} points; give one of each per word.`);
  }
  const values = Array.from(ratios);
  const limit = Math.max(...values.map(Math.abs), 1e-9);
  const strongest = values.map((_, i) => i).sort((a, b) => Math.abs(values[b]) - Math.abs(values[a])).slice(0, labelled);
  const points: Data = {
    type: "scatter",
    mode: "markers",
    x: Array.from(xs),
    y: Array.from(ys),
    text: [...words],
    marker: {
      size: 7,
      color: values,
      cmin: -limit,
      cmax: limit,
      colorscale: [[0, HIGHLIGHT_NEGATIVE_COLOR], [0.5, "#eeeeee"], [1, HIGHLIGHT_POSITIVE_COLOR]],
      colorbar: { title: { text: "ln(positive / negative)" } },
      line: { width: 0.5, color: "#777777" },
    },
    hovertemplate: "%{text}: %{marker.color:.2f}<extra></extra>",
    showlegend: false,
  };
  const labels: Data = {
    type: "scatter",
    mode: "text",
    x: strongest.map((i) => xs[i]),
    y: strongest.map((i) => ys[i]),
    text: strongest.map((i) => words[i]),
    textposition: "top center",
    textfont: { size: 11 },
    hoverinfo: "skip",
    showlegend: false,
  };
  const axis = (c: number) => ({ title: { text: `component ${c + 1} (${(100 * projection.varianceShare[c]).toFixed(1)}% of the variance)` }, zeroline: false });
  return chartHtml([points, labels], { title: { text: title }, xaxis: axis(0), yaxis: axis(1) }, { height: 560 });
}

/** Test accuracy (%) per length bucket, one line per model (lesson 9). */
export function accuracyByLengthChartHtml(models: readonly { name: string; buckets: readonly LengthBucket[] }[], title = "Accuracy by review length"): string {
  const traces: Data[] = models.map(({ name, buckets }) => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x: buckets.map(bucketLabel),
    y: buckets.map((b) => (Number.isNaN(b.accuracy) ? null : 100 * b.accuracy)),
  }));
  return chartHtml(traces, { title: { text: title }, xaxis: { title: { text: "review length (tokens)" }, type: "category" }, yaxis: { title: { text: "test accuracy (%)" } } }, { height: 400 });
}

/** "0-99", "100-199", …, "800+": a bucket's lengths as a label (lesson 9). */
export function bucketLabel(bucket: LengthBucket): string {
  return bucket.to === Infinity ? `${bucket.from}+` : `${bucket.from}-${bucket.to - 1}`;
}
