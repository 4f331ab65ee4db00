"""Stage 2a: train a nearest-centroid classifier and record its test accuracy."""
import csv
import json
import math
import os
import tempfile

PROJECT = "iris-pipeline"


def artifacts_dir():
    """Shared folder for this run's artifacts (on a cluster it must be shared storage)."""
    path = os.environ.get("BODYWORK_ARTIFACTS_DIR") or os.path.join(
        tempfile.gettempdir(), "bodywork-artifacts", PROJECT)
    os.makedirs(path, exist_ok=True)
    return path


def load(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [([float(v) for v in row[:-1]], row[-1]) for row in reader]


def fit(rows):
    sums, counts = {}, {}
    for features, label in rows:
        acc = sums.setdefault(label, [0.0] * len(features))
        for i, v in enumerate(features):
            acc[i] += v
        counts[label] = counts.get(label, 0) + 1
    return {label: [v / counts[label] for v in acc] for label, acc in sums.items()}


def predict(centroids, features):
    return min(centroids, key=lambda label: math.dist(centroids[label], features))


if __name__ == "__main__":
    out = artifacts_dir()
    train, test = load(os.path.join(out, "train.csv")), load(os.path.join(out, "test.csv"))
    centroids = fit(train)
    accuracy = sum(predict(centroids, x) == y for x, y in test) / len(test)
    model = {"type": "nearest-centroid", "centroids": centroids, "accuracy": accuracy}
    with open(os.path.join(out, "model-nearest-centroid.json"), "w") as f:
        json.dump(model, f, indent=2)
    print(f"nearest-centroid test accuracy: {accuracy:.3f}")
