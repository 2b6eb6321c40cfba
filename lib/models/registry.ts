/**
 * The course's saved models: which lesson trains and saves which model, and
 * where they are kept. The default models dir is
 * `<project>/data/models/<scale>/` (scale from COURSE_SCALE: `full` or
 * `smoke`), so a quick smoke run never overwrites the models trained at full
 * scale, and lesson 6 finds the models of the scale it runs at.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { projectRoot } from "../util/project-root";
import { courseScale, type CourseScaleName } from "../data/scale";

/** The models the lessons save, by name, so a missing one can be traced to the lesson that makes it (lesson 6). */
export const COURSE_MODELS: readonly { name: string; lesson: number; title: string }[] = [
  { name: "multi-hot-mlp", lesson: 2, title: "multi-hot vectors → Dense network" },
  { name: "embedding-mlp", lesson: 3, title: "Embedding → Flatten → Dense" },
  { name: "conv1d", lesson: 4, title: "Embedding → Conv1D → MaxPooling1D → Dense" },
  { name: "lstm", lesson: 5, title: "Embedding → LSTM" },
  { name: "nb-logistic-regression", lesson: 7, title: "bag of n-grams, NB weights + logistic regression" },
];

const SCALES: readonly CourseScaleName[] = ["full", "smoke"];

/** `<project>/data/models/<scale>`: one folder per COURSE_SCALE (lesson 6). */
export function defaultModelsDir(): string {
  return path.join(projectRoot(), "data", "models", courseScale().name);
}

/** The lesson that saves the model called `name`, if it is one of the course's. */
export function lessonSaving(name: string): number | undefined {
  return COURSE_MODELS.find((model) => model.name === name)?.lesson;
}

/** What to do about a saved model that is broken or out of date: run its lesson again, or save it again. */
export function saveAgainAdvice(name: string): string {
  const lesson = lessonSaving(name);
  return lesson === undefined
    ? `Save the model "${name}" again with saveSentimentModel.`
    : `Run lesson ${lesson} to the end again: it saves "${name}" anew.`;
}

/**
 * Why there is no model `name` in `dir`: which lesson makes it, or which
 * models are there; with the default dir, whether it exists at the other scale.
 * `hasModel(folder)` tells whether a folder holds a saved model.
 */
export function missingModelMessage(name: string, dir: string, isDefaultDir: boolean, hasModel: (folder: string) => boolean): string {
  const known = COURSE_MODELS.find((m) => m.name === name);
  const lines = [`No saved model "${name}" in ${dir}.`];
  if (known !== undefined) {
    lines.push(`Lesson ${known.lesson} trains and saves it (${known.title}): run that lesson's notebook to the end, at the same COURSE_SCALE (now "${courseScale().name}").`);
  } else {
    const saved = fs.existsSync(dir) ? fs.readdirSync(dir).filter((entry) => !entry.startsWith(".")) : [];
    lines.push(`Models saved there: ${saved.length > 0 ? saved.join(", ") : "none"}. The lessons save ${COURSE_MODELS.map((m) => `"${m.name}" (lesson ${m.lesson})`).join(", ")}.`);
  }
  if (isDefaultDir) {
    const others = SCALES.filter((scale) => scale !== courseScale().name && hasModel(path.join(path.dirname(dir), scale, name)));
    for (const scale of others) lines.push(`A "${name}" trained at COURSE_SCALE=${scale} exists in ${path.join(path.dirname(dir), scale)}.`);
  }
  return lines.join(" ");
}
