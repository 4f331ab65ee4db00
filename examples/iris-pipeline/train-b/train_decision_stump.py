"""Stage 2b: train a decision stump (best single feature and threshold) and record its test accuracy."""
import csv
import json
import os
import tempfile
from collections import Counter

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


def majority(labels):
    return Counter(labels).most_common(1)[0][0] if labels else None


def fit(rows):
    """Try every feature and every midpoint between sorted values; keep the split with most correct."""
    best = None
    for feature in range(len(rows[0][0])):
        values = sorted({x[feature] for x, _ in rows})
        for low, high in zip(values, values[1:]):
            threshold = (low + high) / 2
            left = [y for x, y in rows if x[feature] <= threshold]
            right = [y for x, y in rows if x[feature] > threshold]
            left_label, right_label = majority(left), majority(right)
            correct = left.count(left_label) + right.count(right_label)
            if best is None or correct > best[0]:
                best = (correct, feature, threshold, left_label, right_label)
    _, feature, threshold, left_label, right_label = best
    return {"feature": feature, "threshold": threshold, "left": left_label, "right": right_label}


def predict(stump, features):
    return stump["left"] if features[stump["feature"]] <= stump["threshold"] else stump["right"]


if __name__ == "__main__":
    out = artifacts_dir()
    train, test = load(os.path.join(out, "train.csv")), load(os.path.join(out, "test.csv"))
    stump = fit(train)
    accuracy = sum(predict(stump, x) == y for x, y in test) / len(test)
    model = {"type": "decision-stump", "stump": stump, "accuracy": accuracy}
    with open(os.path.join(out, "model-decision-stump.json"), "w") as f:
        json.dump(model, f, indent=2)
    print(f"decision-stump test accuracy: {accuracy:.3f}")
