"""Reference figures for lesson 7: linear models from scikit-learn on the course's data.

Trains, on the official 25,000 training reviews, and measures on the 25,000 test
reviews (the split every lesson uses):
  1. TF-IDF of the 5,000 most frequent unigrams, linear SVM (LinearSVC);
  2. TF-IDF of unigrams + bigrams in at least 2 reviews, LinearSVC;
  3. NBSVM-style: binary unigrams + bigrams in at least 2 reviews, each scaled by
     its naive-Bayes log-count ratio (alpha = 1), logistic regression;
  4. the same as 3 with punctuation marks kept as tokens, as lesson 7 does.
Every setting is scikit-learn's default (C = 1, no tuning), so the test reviews
choose nothing. Tokens follow the course's tokenizer (lib/data/imdb/tokenize.ts),
re-implemented with regular expressions: <br /> is a space, text is lowercased,
a token is a run of letters, digits and inner apostrophes; with punctuation,
each other non-space character is a token of its own.

Usage (Debian: apt-get install python3-sklearn):
    /usr/bin/python3 scripts/sklearn-reference.py ARCHIVE [--out FILE]
ARCHIVE is aclImdb_v1.tar.gz (read without extracting it); FILE defaults to
scripts/sklearn-reference.json, which lesson 7 reads.
"""
import argparse
import json
import os
import platform
import re
import sys
import tarfile
import tempfile
import time
import unicodedata

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

MEMBER = re.compile(r"^aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")
BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A letter or digit of any script; the underscore is punctuation, as in the course.
WORD_RUN = r"(?:[^\W_]|')+"
WORDS = re.compile(WORD_RUN)
WORDS_AND_MARKS = re.compile(WORD_RUN + r"|[^\w\s]|_")
SEED = 0


def read_reviews(archive):
    """{split: (texts, labels)}, each split in the order (label, review number) so runs repeat exactly."""
    found = {"train": [], "test": []}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            match = MEMBER.match(member.name)
            if match is None or not member.isfile():
                continue
            split, label, number, _rating = match.groups()
            text = tar.extractfile(member).read().decode("utf-8")
            found[split].append((1 if label == "pos" else 0, int(number), text))
    reviews = {}
    for split, items in found.items():
        if len(items) != 25000:
            sys.exit(f"{archive}: expected 25,000 {split} reviews, found {len(items)}; is it the official aclImdb_v1.tar.gz?")
        items.sort()
        reviews[split] = ([text for _, _, text in items], np.array([label for label, _, _ in items]))
    return reviews


def tokens(text, punctuation):
    text = BR_TAG.sub(" ", text).lower()
    if not punctuation:
        return [t for t in (run.strip("'") for run in WORDS.findall(text)) if t]
    out = []
    for run in WORDS_AND_MARKS.findall(text):
        if len(run) == 1 and not WORDS.match(run):
            # A mark is punctuation or a symbol (Unicode P*, S*); control characters such as \x96 separate words only.
            if unicodedata.category(run)[0] in "PS":
                out.append(run)
            continue
        if "'" not in run or run == "'":
            out.append(run)
            continue
        # Apostrophes at a word's edges are marks of their own, as in the course's tokenizer.
        core = run.strip("'")
        lead = len(run) - len(run.lstrip("'"))
        trail = len(run) - len(run.rstrip("'"))
        out.extend(["'"] * lead + ([core] if core else []) + ["'"] * trail)
    return out


def nb_log_count_ratio(features, labels, alpha=1.0):
    p = alpha + np.asarray(features[labels == 1].sum(axis=0)).ravel()
    q = alpha + np.asarray(features[labels == 0].sum(axis=0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def measure(name, make_features, make_classifier, reviews):
    # CPU time, not wall time: the machines this runs on are shared, and their load changes wall time 2-10 fold.
    started = time.process_time()
    train_texts, train_labels = reviews["train"]
    test_texts, test_labels = reviews["test"]
    train_x, test_x = make_features(train_texts, test_texts, train_labels)
    classifier = make_classifier().fit(train_x, train_labels)
    cpu_seconds = time.process_time() - started
    accuracy = float((classifier.predict(test_x) == test_labels).mean())
    print(f"{name}: test accuracy {100 * accuracy:.2f}%, {train_x.shape[1]:,} features, {cpu_seconds:.1f} s of CPU (features and fit)", flush=True)
    return {"model": name, "features": int(train_x.shape[1]), "test_accuracy": round(accuracy, 6), "cpu_seconds": round(cpu_seconds, 1)}


def tfidf(vectorizer_options):
    def make(train_texts, test_texts, _labels):
        vectorizer = TfidfVectorizer(tokenizer=lambda t: tokens(t, False), lowercase=False, token_pattern=None, **vectorizer_options)
        return vectorizer.fit_transform(train_texts), vectorizer.transform(test_texts)
    return make


def nb_scaled(punctuation):
    def make(train_texts, test_texts, labels):
        vectorizer = CountVectorizer(tokenizer=lambda t: tokens(t, punctuation), lowercase=False, token_pattern=None,
                                     ngram_range=(1, 2), min_df=2, binary=True, dtype=np.float64)
        train_x = vectorizer.fit_transform(train_texts)
        ratios = scipy.sparse.diags(nb_log_count_ratio(train_x, labels))
        return train_x @ ratios, vectorizer.transform(test_texts) @ ratios
    return make


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", help="aclImdb_v1.tar.gz")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn-reference.json"))
    args = parser.parse_args()
    started = time.time()
    reviews = read_reviews(args.archive)
    print(f"read 25,000 training and 25,000 test reviews in {time.time() - started:.1f} s", flush=True)
    svm = lambda: LinearSVC(random_state=SEED)
    logistic = lambda: LogisticRegression(solver="liblinear", random_state=SEED)
    results = [
        measure("TF-IDF unigrams (5,000 most frequent), LinearSVC", tfidf({"max_features": 5000}), svm, reviews),
        measure("TF-IDF unigrams + bigrams (in >= 2 reviews), LinearSVC", tfidf({"ngram_range": (1, 2), "min_df": 2}), svm, reviews),
        measure("NB-scaled binary unigrams + bigrams (in >= 2 reviews), logistic regression", nb_scaled(False), logistic, reviews),
        measure("the same, punctuation kept as tokens", nb_scaled(True), logistic, reviews),
    ]
    report = {
        "produced_by": "/usr/bin/python3 scripts/sklearn-reference.py aclImdb_v1.tar.gz",
        "scikit_learn": sklearn.__version__,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "split": "official: 25,000 training reviews, 25,000 test reviews",
        "settings": "scikit-learn defaults (C = 1), nothing tuned; NB ratios with alpha = 1; cpu_seconds include building the features",
        "results": results,
    }
    folder = os.path.dirname(os.path.abspath(args.out))
    fd, tmp = tempfile.mkstemp(prefix=".sklearn-", suffix=".json", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
