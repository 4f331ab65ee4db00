"""Stage 4: serve the chosen model over HTTP.

GET /healthz -> 200 "ok"; POST /score with {"features": [sl, sw, pl, pw]} -> {"species": ..., "model": ...}.
Listens on 0.0.0.0:PORT (env var PORT, else the PORT in config.ini); stops cleanly on SIGTERM.
"""
import configparser
import json
import math
import os
import signal
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROJECT = "iris-pipeline"


def artifacts_dir():
    """Shared folder for this run's artifacts (on a cluster it must be shared storage)."""
    path = os.environ.get("BODYWORK_ARTIFACTS_DIR") or os.path.join(
        tempfile.gettempdir(), "bodywork-artifacts", PROJECT)
    os.makedirs(path, exist_ok=True)
    return path


def configured_port():
    if os.environ.get("PORT"):
        return int(os.environ["PORT"])
    config = configparser.ConfigParser()
    config.read(os.path.join(os.path.dirname(os.path.abspath(__file__)), "config.ini"))
    return int(config["service"]["PORT"])


def predict(model, features):
    if model["type"] == "nearest-centroid":
        centroids = model["centroids"]
        return min(centroids, key=lambda label: math.dist(centroids[label], features))
    stump = model["stump"]
    return stump["left"] if features[stump["feature"]] <= stump["threshold"] else stump["right"]


def make_handler(model):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/healthz":
                self._reply(200, {"status": "ok"})
            else:
                self._reply(404, {"error": "not found"})

        def do_POST(self):
            if self.path != "/score":
                self._reply(404, {"error": "not found"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
                features = json.loads(self.rfile.read(length))["features"]
                if len(features) != 4:
                    raise ValueError("expected 4 features")
                features = [float(v) for v in features]
            except (ValueError, KeyError, TypeError) as e:
                self._reply(400, {"error": f'expected {{"features": [4 numbers]}}: {e}'})
                return
            self._reply(200, {"species": predict(model, features), "model": model["type"]})

        def log_message(self, fmt, *args):
            sys.stdout.write("%s - %s\n" % (self.address_string(), fmt % args))
            sys.stdout.flush()

    return Handler


if __name__ == "__main__":
    model_path = os.path.join(artifacts_dir(), "chosen-model.json")
    if not os.path.exists(model_path):
        sys.exit(f"no chosen model at {model_path}: run the batch stages first")
    with open(model_path) as f:
        model = json.load(f)
    server = ThreadingHTTPServer(("0.0.0.0", configured_port()), make_handler(model))
    # shutdown() waits for serve_forever() to return, so it must run on another thread.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"serving {model['type']} model on port {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print("stopped", flush=True)
