"""Stage 3: keep the trained model with the best test accuracy as chosen-model.json."""
import json
import os
import shutil
import tempfile

PROJECT = "iris-pipeline"
CANDIDATES = ["model-nearest-centroid.json", "model-decision-stump.json"]


def artifacts_dir():
    """Shared folder for this run's artifacts (on a cluster it must be shared storage)."""
    path = os.environ.get("BODYWORK_ARTIFACTS_DIR") or os.path.join(
        tempfile.gettempdir(), "bodywork-artifacts", PROJECT)
    os.makedirs(path, exist_ok=True)
    return path


if __name__ == "__main__":
    out = artifacts_dir()
    scored = []
    for name in CANDIDATES:
        with open(os.path.join(out, name)) as f:
            scored.append((json.load(f)["accuracy"], name))
    accuracy, best = max(scored)
    shutil.copyfile(os.path.join(out, best), os.path.join(out, "chosen-model.json"))
    print(f"chose {best} (test accuracy {accuracy:.3f})")
