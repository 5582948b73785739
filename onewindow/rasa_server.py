"""A real Rasa Open Source 3.6 server for the Rasa brain: its environment, its model, its endpoints.

Rasa 3.6 needs Python 3.8–3.10, so it lives in its own virtualenv, kept in a cache folder outside
the checkout (`~/.cache/onewindow/rasa/` or `ONEWINDOW_RASA_HOME`) so that a new clone reuses it,
and so do trained models, which are named by a hash of the files they are trained from.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

RASA_VERSION = "3.6.21"
_PR_SET_PDEATHSIG = 1
# Looked up here, not in the forked child, where loading a library could wait on another thread's lock.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
# Pins that stop pip from trying dozens of candidates for Rasa's loosely bounded dependencies.
REQUIREMENTS = (
    f"rasa[jieba]=={RASA_VERSION}",
    "jax==0.4.30",
    "jaxlib==0.4.30",
    "ml-dtypes==0.5.4",
    "aiogram==2.15",
)
SUPPORTED_PYTHONS = ("3.10", "3.9", "3.8")
ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "nlu" / "config.yml"
DOMAIN = ROOT / "bot" / "domain.yml"
DATA = (ROOT / "nlu" / "data", ROOT / "bot" / "data")
PLUGINS = Path(__file__).resolve().parent / "rasa_plugins"  # modules `rasa run` imports by name


class RasaUnavailable(RuntimeError):
    """The Rasa environment cannot be made here; the message says what to do."""


def rasa_home() -> Path:
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "onewindow" / "rasa"
    return Path(os.environ.get("ONEWINDOW_RASA_HOME", default))


def _version_of(python: str) -> str | None:
    try:
        done = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _pyenv_pythons() -> list[str]:
    pyenv = shutil.which("pyenv")
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    if pyenv:
        done = subprocess.run([pyenv, "root"], capture_output=True, text=True)
        root = Path(done.stdout.strip() or root)
    found = []
    for version in SUPPORTED_PYTHONS:
        found += sorted((str(p) for p in root.glob(f"versions/{version}.*/bin/python")), reverse=True)
    return found


def find_python() -> str:
    """A Python 3.8–3.10 interpreter: `ONEWINDOW_RASA_PYTHON`, one on PATH, or one under pyenv."""
    explicit = os.environ.get("ONEWINDOW_RASA_PYTHON")
    candidates = [explicit] if explicit else []
    candidates += [p for v in SUPPORTED_PYTHONS if (p := shutil.which(f"python{v}"))]
    candidates += _pyenv_pythons()
    for python in candidates:
        if _version_of(python) in SUPPORTED_PYTHONS:
            return python
    raise RasaUnavailable(
        "Rasa 3.6 needs Python 3.8, 3.9 or 3.10 and none was found (looked at ONEWINDOW_RASA_PYTHON, "
        "python3.10/3.9/3.8 on PATH and pyenv). Install one (e.g. `pyenv install 3.10` or your "
        "distribution's python3.10 with venv) and run `onewindow rasa setup` again, or point "
        "ONEWINDOW_RASA_PYTHON at it."
    )


def rasa_executable() -> Path:
    return rasa_home() / "venv" / "bin" / "rasa"


def setup(say: Callable[[str], None]) -> Path:
    """Create (or reuse) the Rasa virtualenv; the path of its `rasa` command."""
    venv = rasa_home() / "venv"
    marker = venv / f".rasa-{RASA_VERSION}"
    if marker.exists():
        return rasa_executable()
    python = find_python()
    say(f"Creating the Rasa {RASA_VERSION} environment in {venv} with {python} (about 3 GB, a few minutes)…")
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for step in ([python, "-m", "venv", str(venv)], [*pip, "--upgrade", "pip"], [*pip, *REQUIREMENTS]):
        if subprocess.run(step).returncode != 0:
            raise RasaUnavailable(f"setting up Rasa failed at: {' '.join(step)}")
    marker.touch()
    return rasa_executable()


def rasa_environment() -> dict[str, str]:
    """Environment variables for every Rasa command: no telemetry, the training cache in our folder."""
    return {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "RASA_CACHE_DIRECTORY": str(rasa_home() / "cache"),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONPATH": str(PLUGINS),
    }


def stop_with_parent() -> None:
    """In a child process: have Linux stop it when its parent dies. uvicorn re-raises SIGTERM after
    its shutdown, so the parent's own clean-up never runs to stop a Rasa server it started."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


def training_files() -> list[Path]:
    return [CONFIG, DOMAIN, *sorted(p for folder in DATA for p in folder.glob("*.yml"))]


def model_path() -> Path:
    """Where the model of the current definition is (or will be): named by a hash of its files."""
    digest = hashlib.sha256()
    for path in training_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    version = RASA_VERSION.replace(".", "_")  # rasa cuts a model name at its first dot
    return rasa_home() / "models" / f"onewindow-rasa{version}-{digest.hexdigest()[:16]}.tar.gz"


def train(say: Callable[[str], None]) -> Path:
    """Train on the project's own files unless a model of exactly these files exists."""
    model = model_path()
    if model.exists():
        return model
    rasa = setup(say)
    say(f"Training the Rasa model (DIET and TED; about 10 minutes on 2 cores) into {model}…")
    command = [
        str(rasa), "train", "--config", str(CONFIG), "--domain", str(DOMAIN),
        "--data", *(str(d) for d in DATA),
        "--out", str(model.parent), "--fixed-model-name", model.name.removesuffix(".tar.gz"),
    ]  # fmt: skip
    model.parent.mkdir(parents=True, exist_ok=True)
    if subprocess.run(command, env=rasa_environment(), cwd=rasa_home()).returncode != 0 or not model.exists():
        raise RasaUnavailable("rasa train failed; its output above says why")
    return model


@dataclass(frozen=True)
class Endpoints:
    action_url: str  # OneWindow's action endpoint, e.g. http://127.0.0.1:8000/webhook
    token: str  # shared with OneWindow: Rasa sends it to the action endpoint and wants it on its API
    database_url: str  # OneWindow's SQLAlchemy URL; Rasa keeps its `events` table beside ours
    redis_url: str | None = None


def _rasa_database_url(url: str) -> str:
    """The URL for Rasa's SQLAlchemy 1.4: PostgreSQL through psycopg2, which Rasa ships."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def endpoints_yaml(endpoints: Endpoints) -> str:
    content: dict[str, object] = {
        "action_endpoint": {"url": endpoints.action_url, "token": endpoints.token},
        "tracker_store": {"type": "SQL", "url": _rasa_database_url(endpoints.database_url)},
    }
    if endpoints.redis_url:
        redis = urlsplit(endpoints.redis_url)
        content["lock_store"] = {
            "type": "onewindow_lock_store.SerialRedisLockStore",
            "url": redis.hostname or "127.0.0.1",
            "port": redis.port or 6379,
            "db": int(redis.path.strip("/") or 0),
            "password": redis.password,
            "use_ssl": redis.scheme == "rediss",
            "key_prefix": "onewindow",
        }
    return yaml.safe_dump(content, sort_keys=False)


def run_command(model: Path, endpoints: Endpoints, host: str, port: int) -> list[str]:
    """The `rasa run` command line, with its endpoint and credential files written for it."""
    folder = rasa_home() / "run" / f"{host}-{port}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "endpoints.yml").write_text(endpoints_yaml(endpoints), encoding="utf-8")
    (folder / "endpoints.yml").chmod(0o600)  # it holds the token
    (folder / "credentials.yml").write_text("rest: {}\n", encoding="utf-8")
    command = [
        str(rasa_executable()), "run", "--enable-api", "--model", str(model),
        "--endpoints", str(folder / "endpoints.yml"), "--credentials", str(folder / "credentials.yml"),
        "--interface", host, "--port", str(port), "--auth-token", endpoints.token,
    ]  # fmt: skip
    return command
