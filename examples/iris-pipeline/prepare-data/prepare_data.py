"""Stage 1: make a small iris-like data set and split it into train and test CSV files.

The data is synthetic (seeded, so every run is identical): three classes drawn around the mean
sepal/petal measurements of the three iris species.
"""
import csv
import os
import random
import tempfile

PROJECT = "iris-pipeline"
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
SPECIES = {
    "setosa": ([5.0, 3.4, 1.5, 0.25], [0.35, 0.38, 0.17, 0.10]),
    "versicolor": ([5.9, 2.8, 4.3, 1.3], [0.52, 0.31, 0.47, 0.20]),
    "virginica": ([6.6, 3.0, 5.6, 2.0], [0.64, 0.32, 0.55, 0.27]),
}


def artifacts_dir():
    """Shared folder for this run's artifacts (on a cluster it must be shared storage)."""
    path = os.environ.get("BODYWORK_ARTIFACTS_DIR") or os.path.join(
        tempfile.gettempdir(), "bodywork-artifacts", PROJECT)
    os.makedirs(path, exist_ok=True)
    return path


def make_rows(rng, per_class=50):
    rows = []
    for label, (means, stdevs) in SPECIES.items():
        for _ in range(per_class):
            rows.append([round(max(0.1, rng.gauss(m, s)), 2) for m, s in zip(means, stdevs)] + [label])
    rng.shuffle(rows)
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(FEATURES + ["species"])
        writer.writerows(rows)


if __name__ == "__main__":
    rows = make_rows(random.Random(42))
    cut = int(len(rows) * 0.7)
    out = artifacts_dir()
    write_csv(os.path.join(out, "train.csv"), rows[:cut])
    write_csv(os.path.join(out, "test.csv"), rows[cut:])
    print(f"prepared {cut} training rows and {len(rows) - cut} test rows in {out}")
